/** Per-client rate limiting: buckets refill over time, clients are told when to retry, and proxies are handled. */
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/resolver/rate-limit';
import { startResolver, type ResolverServer } from '../../src/resolver/server';

describe('RateLimiter', () => {
  it('lets a burst through, then one request per refill, per client', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
    expect(limiter.take('b'), 'another client has its own bucket').toBe(0);
    now = 500; // half a second refills one request
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('remembers a bounded number of clients, forgetting the least recently seen', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, maxClients: 2 }, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts a
    expect(limiter.take('b')).toBe(1);
    expect(limiter.take('a'), 'a was forgotten and starts with a full bucket').toBe(0);
  });
});

describe('rate limits behind a proxy', () => {
  let resolver: ResolverServer | null = null;
  afterEach(async () => {
    await resolver?.close();
    resolver = null;
  });
  const health = (from: string) => fetch(`${resolver!.url}/health`, { headers: { 'x-forwarded-for': from } }).then((r) => r.status);

  it('with --trust-proxy, each forwarded client has its own limit', async () => {
    resolver = await startResolver({ rateLimit: { perSecond: 1, burst: 1 }, trustProxy: true });
    expect(await health('203.0.113.5, 10.0.0.1')).toBe(200);
    expect(await health('203.0.113.5, 10.0.0.1')).toBe(429);
    expect(await health('203.0.113.5, 10.0.0.2')).toBe(200);
  });

  it('without it, a forged X-Forwarded-For does not escape the limit', async () => {
    resolver = await startResolver({ rateLimit: { perSecond: 1, burst: 1 } });
    expect(await health('10.0.0.1')).toBe(200);
    expect(await health('10.0.0.2')).toBe(429);
  });
});
