/**
 * Per-origin rate limit on page requests: a token bucket per origin, generous enough for a burst of
 * a thousand token requests, refilled steadily. Per worker instance: a restart starts full.
 */
import { ErrorCode, SigilError } from '../../shared/errors';

export const BURST_REQUESTS = 1500;
export const REQUESTS_PER_SECOND = 100;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const rateLimited = (): SigilError =>
  new SigilError(ErrorCode.unauthorized, 'This site sent Sigil too many requests. Wait a moment and try again.');

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** `now` in milliseconds, monotonic (performance.now in the browser). */
  constructor(private readonly now: () => number) {}

  /** Takes one request from `origin`'s allowance, or throws when it is used up. */
  take(origin: string): void {
    const now = this.now();
    const bucket = this.buckets.get(origin) ?? { tokens: BURST_REQUESTS, updatedAt: now };
    const refilled = Math.min(BURST_REQUESTS, bucket.tokens + ((now - bucket.updatedAt) / 1000) * REQUESTS_PER_SECOND);
    if (refilled < 1) {
      this.buckets.set(origin, { tokens: refilled, updatedAt: now });
      throw rateLimited();
    }
    this.buckets.set(origin, { tokens: refilled - 1, updatedAt: now });
  }
}
