/**
 * Per-client rate limiting: a token bucket per client address, `perSecond` refill up to `burst`.
 * The table is bounded: when full, the least recently seen clients are forgotten (they start again
 * with a full bucket, which only ever errs on the side of letting a request through).
 */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  /** Clients remembered at once (default 10 000). */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.maxClients = options.maxClients ?? 10_000;
  }

  /** Takes `cost` tokens for `client`; returns 0 when allowed, else the seconds to wait before retrying. */
  take(client: string, cost = 1): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.options.burst, at: now };
    this.buckets.delete(client);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = now;
    let wait = 0;
    if (bucket.tokens >= cost) bucket.tokens -= cost;
    else wait = Math.max(1, Math.ceil((cost - bucket.tokens) / this.options.perSecond));
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    return wait;
  }
}
