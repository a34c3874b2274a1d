/**
 * Per-site cooldown (issue 12 item 4). After the person turns a site's request down (reject, "Not
 * now", block, closing the window) or the site withdraws a request the person was shown, that
 * site's new requests get 4001 at once, without a window, for COOLDOWN_MS.
 *
 * Why 5 seconds: a page that re-asks on every 4001 (or an iframe that asks and disappears) then
 * reaches the person at most once per 5 s instead of several times a second, while a person who
 * changes their mind and clicks the site's button again is refused for only a moment, with a message
 * that says why. Kept in memory: a restarted worker starts with no cooldowns (a worker restart is
 * not something a page can cause at will, and the caps still bound what waits).
 */
export const COOLDOWN_MS = 5_000;

export class SiteCooldowns {
  private readonly until = new Map<string, number>();

  /** `now` in milliseconds. */
  constructor(private readonly now: () => number) {}

  start(origin: string): void {
    const now = this.now();
    // Many origins (subdomains) must not grow the map without end: expired entries go first.
    if (this.until.size >= 1000) for (const [known, until] of this.until) if (until <= now) this.until.delete(known);
    this.until.set(origin, now + COOLDOWN_MS);
  }

  /** Milliseconds left in `origin`'s cooldown; 0 when it has none. */
  remainingMs(origin: string): number {
    const until = this.until.get(origin);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.until.delete(origin);
    return 0;
  }
}
