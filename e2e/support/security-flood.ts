/**
 * What a flooding page does (issue 12 items 4 and 8), in either browser: re-ask on every refusal,
 * ask from iframes that then disappear, ask from many origins at once.
 */
import { COOLDOWN_MS } from '../../src/background/approvals/cooldown';
import type { ScriptablePage } from './ui-messages';

/** Waits out a site's cooldown (after the person turned down, or the site withdrew, a request). */
export const waitOutCooldown = (): Promise<void> => new Promise((done) => setTimeout(done, COOLDOWN_MS + 250));

export interface RefusalLoop {
  attempts: number;
  /** The error code of each refused attempt, in order. */
  codes: number[];
  lastMessage: string;
}

/** Asks `method` again after every refusal (50 ms later) for `durationMs`; the loop a spamming page runs. */
export function reaskOnRefusal(page: ScriptablePage, method: string, params: unknown, durationMs: number): Promise<RefusalLoop> {
  return page.evaluate(
    async ({ method, params, durationMs }) => {
      const sigil = (window as unknown as { sigil: { request(args: unknown): Promise<unknown> } }).sigil;
      const loop = { attempts: 0, codes: [] as number[], lastMessage: '' };
      const end = Date.now() + durationMs;
      while (Date.now() < end) {
        loop.attempts += 1;
        const outcome = await Promise.race([
          sigil.request({ method, params }).then(
            () => null,
            (error: { code: number; message: string }) => error,
          ),
          new Promise<'waiting'>((done) => setTimeout(() => done('waiting'), Math.max(0, end - Date.now()))),
        ]);
        if (outcome === 'waiting' || outcome === null) break;
        loop.codes.push(outcome.code);
        loop.lastMessage = outcome.message;
        await new Promise((done) => setTimeout(done, 50));
      }
      return loop;
    },
    { method, params, durationMs },
  );
}

/**
 * `times` times: a same-origin iframe is added, asks `method`, and is removed `vanishAfterMs` later.
 * Resolves with the error code each ask got (0 when it was still waiting as its frame went away).
 */
export function askAndVanish(page: ScriptablePage, times: number, method: string, params: unknown, vanishAfterMs = 500): Promise<number[]> {
  return page.evaluate(
    async ({ times, method, params, vanishAfterMs }) => {
      const codes: number[] = [];
      for (let i = 0; i < times; i++) {
        const frame = document.createElement('iframe');
        frame.src = `/vanishing-${i}`;
        await new Promise((done) => {
          frame.addEventListener('load', done, { once: true });
          document.body.append(frame);
        });
        const framed = frame.contentWindow as unknown as { sigil?: { request(args: unknown): Promise<unknown> } };
        for (let wait = 0; !framed.sigil && wait < 50; wait++) await new Promise((done) => setTimeout(done, 20));
        let code = 0;
        void framed.sigil!.request({ method, params }).catch((error: { code: number }) => (code = error.code));
        await new Promise((done) => setTimeout(done, vanishAfterMs));
        frame.remove();
        codes.push(code);
        await new Promise((done) => setTimeout(done, 200));
      }
      return codes;
    },
    { times, method, params, vanishAfterMs },
  );
}

/** Adds one iframe per URL (all at once) and resolves once each has loaded. */
export function addFrames(page: ScriptablePage, urls: string[]): Promise<void> {
  return page.evaluate(
    (urls) =>
      Promise.all(
        urls.map(
          (src) =>
            new Promise<void>((done) => {
              const frame = document.createElement('iframe');
              frame.src = src;
              frame.addEventListener('load', () => done(), { once: true });
              document.body.append(frame);
            }),
        ),
      ).then(() => undefined),
    urls,
  );
}
