/**
 * When to re-send after the Port closed. A Port that lived a while belonged to a worker that ran
 * and was stopped (Chrome stops idle workers; an approval can stay open through many stops): re-send
 * at once, without limit. A Port that closed right away means the worker is failing to start: back
 * off, and give up after a few such failures in a row. Any answer resets the count.
 */
export const HEALTHY_PORT_MS = 500;
export const MAX_QUICK_FAILURES = 8;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

export class ReconnectPolicy {
  private quickFailures = 0;

  answered(): void {
    this.quickFailures = 0;
  }

  /** Milliseconds to wait before re-sending, or null to give up. */
  nextDelay(portLifetimeMs: number): number | null {
    if (portLifetimeMs >= HEALTHY_PORT_MS) {
      this.quickFailures = 0;
      return 0;
    }
    this.quickFailures += 1;
    if (this.quickFailures > MAX_QUICK_FAILURES) return null;
    return Math.min(FIRST_BACKOFF_MS * 2 ** (this.quickFailures - 1), MAX_BACKOFF_MS);
  }
}
