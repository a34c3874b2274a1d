/**
 * What a hostile or unusual page does to Sigil, in either browser (a Playwright page or frame, or a
 * puppeteer-core page wrapped by `scriptable`).
 */
import { readExtensionStorage, type ScriptablePage } from './ui-messages';

/** What came of one window.sigil.request: a result, an error, a synchronous throw, or no answer at all. */
export type Attempt =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; code: number; message: string }
  | { kind: 'threw'; message: string }
  | { kind: 'no answer' };

/** How long a request may stay unanswered before the attempt counts as "no answer" (a hang, not a speed figure). */
export const NO_ANSWER_MS = 8_000;

/** Calls window.sigil.request; `params` is built in the page by `paramsSource` (a JS expression), since BigInt, cycles and functions cannot be passed in. */
export function attemptRequest(page: ScriptablePage, method: string, paramsSource = 'undefined'): Promise<Attempt> {
  return page.evaluate(
    async ({ method, paramsSource, noAnswerMs }) => {
      const params: unknown = (0, eval)(`(${paramsSource})`);
      const sigil = (window as unknown as { sigil: { request(args: unknown): Promise<unknown> } }).sigil;
      let answer: Promise<unknown>;
      try {
        answer = sigil.request(params === undefined ? { method } : { method, params });
      } catch (error) {
        return { kind: 'threw' as const, message: String(error) };
      }
      const timeout = new Promise<{ kind: 'no answer' }>((done) => setTimeout(() => done({ kind: 'no answer' }), noAnswerMs));
      return Promise.race([
        answer.then(
          (result) => ({ kind: 'result' as const, result }),
          (error: { code: number; message: string }) => ({ kind: 'error' as const, code: error.code, message: error.message }),
        ),
        timeout,
      ]);
    },
    { method, paramsSource, noAnswerMs: NO_ANSWER_MS },
  );
}

/**
 * Posts a request straight to the content script, as a page that ignores window.sigil would, with
 * params built by `paramsSource`; resolves with the content script's reply.
 */
export function postToContentScript(page: ScriptablePage, method: string, paramsSource: string): Promise<Attempt> {
  return page.evaluate(
    ({ method, paramsSource, noAnswerMs }) =>
      new Promise<Attempt>((done) => {
        const id = `direct-${Math.random()}`;
        const params: unknown = (0, eval)(`(${paramsSource})`);
        window.addEventListener('message', (event: MessageEvent) => {
          const data = event.data as { channel?: string; id?: string; result?: unknown; error?: { code: number; message: string } };
          if (event.source !== window || data?.channel !== 'sigil:content-reply' || data.id !== id) return;
          done(data.error ? { kind: 'error', code: data.error.code, message: data.error.message } : { kind: 'result', result: data.result });
        });
        setTimeout(() => done({ kind: 'no answer' }), noAnswerMs);
        window.postMessage({ channel: 'sigil:page-request', id, method, params }, self.origin === 'null' ? '*' : self.origin);
      }),
    { method, paramsSource, noAnswerMs: NO_ANSWER_MS },
  );
}

/** Adds an iframe (with `sandbox` when given) at `path` of the page's own server; resolves once it loaded. */
export function addFrameAt(page: ScriptablePage, path: string, sandbox?: string): Promise<void> {
  return page.evaluate(
    ({ path, sandbox }) =>
      new Promise<void>((done) => {
        const frame = document.createElement('iframe');
        if (sandbox !== undefined) frame.setAttribute('sandbox', sandbox);
        frame.src = path;
        frame.addEventListener('load', () => done(), { once: true });
        document.body.append(frame);
      }),
    { path, sandbox },
  );
}

/**
 * A flooding page: `count` same-origin iframes, `batch` at a time, each talks to Sigil once (which
 * opens its Port, so the background registers the frame) and is then removed.
 */
export function floodFrames(page: ScriptablePage, count: number, batch = 25): Promise<number> {
  return page.evaluate(
    async ({ count, batch }) => {
      let answered = 0;
      for (let start = 0; start < count; start += batch) {
        const frames = await Promise.all(
          Array.from(
            { length: Math.min(batch, count - start) },
            (_, i) =>
              new Promise<HTMLIFrameElement>((done) => {
                const frame = document.createElement('iframe');
                frame.src = `/flood-frame-${start + i}`;
                frame.addEventListener('load', () => done(frame), { once: true });
                document.body.append(frame);
              }),
          ),
        );
        await Promise.all(
          frames.map(async (frame) => {
            const sigil = (frame.contentWindow as unknown as { sigil?: { request(args: unknown): Promise<unknown> } }).sigil;
            await sigil?.request({ method: 'sigil_entities' }).catch(() => undefined);
            if (sigil) answered += 1;
          }),
        );
        for (const frame of frames) frame.remove();
      }
      return answered;
    },
    { count, batch },
  );
}

/**
 * Resolves once the background's frame registry holds a frame of `origin`. The registry handles
 * frames one at a time, in order: once a frame opened last is there, every earlier one was handled.
 */
export async function frameRegistered(extensionPage: ScriptablePage, origin: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = JSON.parse(await readExtensionStorage(extensionPage, 'session')) as Record<string, unknown>;
    const frames = (session['sigil.pageFrames'] ?? []) as { origin: string }[];
    if (frames.some((frame) => frame.origin === origin)) return;
    if (Date.now() > deadline) throw new Error(`No frame of ${origin} was registered.`);
    await new Promise((done) => setTimeout(done, 200));
  }
}
