/**
 * Calling window.sigil from a web page the way a dApp does, on a Playwright page (Chromium) or a
 * puppeteer-core page (Firefox). A request that waits for the person is started, kept in the page,
 * and its outcome read later; events the page receives are recorded in the page.
 */
import type { ScriptablePage } from './ui-messages';

export type PageOutcome<T = unknown> = { ok: true; result: T } | { ok: false; code: number; message: string };

interface PageState {
  outcomes: Map<string, Promise<PageOutcome>>;
  events: { event: string; data: unknown }[];
}

/** Starts `window.sigil.request` in the page without waiting; returns a handle for `requestOutcome`. */
export function startRequest(page: ScriptablePage, method: string, params?: unknown): Promise<string> {
  return page.evaluate(
    ({ method, params }) => {
      const w = window as unknown as { __sigilE2e?: PageState };
      w.__sigilE2e ??= { outcomes: new Map(), events: [] };
      const handle = crypto.randomUUID();
      const sigil = (window as unknown as { sigil: { request(args: unknown): Promise<unknown> } }).sigil;
      w.__sigilE2e.outcomes.set(
        handle,
        sigil.request(params === undefined ? { method } : { method, params }).then(
          (result) => ({ ok: true as const, result }),
          (error: { code: number; message: string }) => ({ ok: false as const, code: error.code, message: error.message }),
        ),
      );
      return handle;
    },
    { method, params },
  );
}

export function requestOutcome<T = unknown>(page: ScriptablePage, handle: string): Promise<PageOutcome<T>> {
  return page.evaluate(
    (id) => (window as unknown as { __sigilE2e: PageState }).__sigilE2e.outcomes.get(id)!,
    handle,
  ) as Promise<PageOutcome<T>>;
}

/** One request, waited for: a result or the error's code and message. */
export async function sigilRequest<T = unknown>(page: ScriptablePage, method: string, params?: unknown): Promise<PageOutcome<T>> {
  return requestOutcome<T>(page, await startRequest(page, method, params));
}

/** `count` identical requests fired at once; resolves with every outcome in order. */
export function concurrentRequests<T = unknown>(
  page: ScriptablePage,
  count: number,
  method: string,
  params?: unknown,
): Promise<PageOutcome<T>[]> {
  return page.evaluate(
    ({ count, method, params }) => {
      const sigil = (window as unknown as { sigil: { request(args: unknown): Promise<unknown> } }).sigil;
      return Promise.all(
        Array.from({ length: count }, () =>
          sigil.request(params === undefined ? { method } : { method, params }).then(
            (result) => ({ ok: true as const, result }),
            (error: { code: number; message: string }) => ({ ok: false as const, code: error.code, message: error.message }),
          ),
        ),
      );
    },
    { count, method, params },
  ) as Promise<PageOutcome<T>[]>;
}

/** Subscribes the page to Sigil's four events; they are kept in order for `recordedEvents`. */
export function recordEvents(page: ScriptablePage): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __sigilE2e?: PageState };
    w.__sigilE2e ??= { outcomes: new Map(), events: [] };
    const state = w.__sigilE2e;
    const sigil = (window as unknown as { sigil: { on(event: string, fn: (data: unknown) => void): void } }).sigil;
    for (const event of ['entitiesChanged', 'lock', 'unlock', 'disconnect']) sigil.on(event, (data) => state.events.push({ event, data }));
  }, undefined);
}

export function recordedEvents(page: ScriptablePage): Promise<{ event: string; data: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __sigilE2e?: PageState }).__sigilE2e?.events ?? [], undefined);
}

/** Adds an iframe showing `url` to the page and resolves once window.sigil is announced inside it. */
export function addFrame(page: ScriptablePage, url: string): Promise<void> {
  return page.evaluate(
    (src) =>
      new Promise<void>((resolve) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.addEventListener('load', () => resolve(), { once: true });
        document.body.append(frame);
      }),
    url,
  );
}
