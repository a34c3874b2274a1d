/**
 * Timings taken inside the web page with performance.now(), around `window.sigil.request`, so the
 * driver's own round trips are not in them. The functions passed to `evaluate` declare no named
 * functions: under tsx those would be wrapped in a helper the page does not have.
 */
import type { ScriptablePage } from '../../e2e/support/ui-messages';

export interface SequentialRun {
  /** One duration per request, ms, in order. */
  samples: number[];
  failures: number;
  firstFailure: string | null;
}

/** `count` requests one after the other, each awaited before the next is sent. */
export function sequentialRequests(page: ScriptablePage, count: number, method: string, params?: unknown): Promise<SequentialRun> {
  return page.evaluate(
    async ({ count, method, params }) => {
      const sigil = (window as unknown as { sigil: { request(args: unknown): Promise<unknown> } }).sigil;
      const args = params === undefined ? { method } : { method, params };
      const samples: number[] = [];
      let failures = 0;
      let firstFailure: string | null = null;
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        try {
          await sigil.request(args);
        } catch (error) {
          failures += 1;
          firstFailure ??= `${(error as { code?: number }).code} ${(error as { message?: string }).message}`;
        }
        samples.push(performance.now() - start);
      }
      return { samples, failures, firstFailure };
    },
    { count, method, params },
  );
}

export type BurstOutcome = { ok: true; token: string; expiresAt: number } | { ok: false; code: number | 'lost'; message: string };

export interface BurstRun {
  /** From the first request sent to the last answer (or to the loss deadline). */
  elapsedMs: number;
  outcomes: BurstOutcome[];
}

/**
 * `count` token requests sent at once. A request with no answer `lossDeadlineMs` after the burst
 * began counts as lost (the burst itself takes a second or two).
 */
export function tokenBurst(page: ScriptablePage, count: number, params: unknown, lossDeadlineMs: number): Promise<BurstRun> {
  return page.evaluate(
    async ({ count, params, lossDeadlineMs }) => {
      const sigil = (window as unknown as { sigil: { request(args: unknown): Promise<{ token: string; expiresAt: number }> } }).sigil;
      const start = performance.now();
      let lastAnswer = start;
      const deadline = new Promise<'lost'>((done) => setTimeout(() => done('lost'), lossDeadlineMs));
      const outcomes = await Promise.all(
        Array.from({ length: count }, () =>
          Promise.race([
            sigil.request({ method: 'sigil_authToken', params }).then(
              (result) => {
                lastAnswer = performance.now();
                return { ok: true as const, token: result.token, expiresAt: result.expiresAt };
              },
              (error: { code: number; message: string }) => {
                lastAnswer = performance.now();
                return { ok: false as const, code: error.code, message: error.message };
              },
            ),
            deadline.then(() => ({ ok: false as const, code: 'lost' as const, message: 'no answer' })),
          ]),
        ),
      );
      return { elapsedMs: lastAnswer - start, outcomes };
    },
    { count, params, lossDeadlineMs },
  );
}

/** Installs the no-op `__name` helper tsx-compiled page functions may refer to. */
export function prepareForTsx(page: ScriptablePage): Promise<void> {
  return page.evaluate(() => void ((globalThis as { __name?: unknown }).__name ??= (target: unknown) => target), undefined);
}
