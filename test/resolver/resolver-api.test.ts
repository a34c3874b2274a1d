/**
 * Sigil's resolver over HTTP, the same suite against SQLite and a real PostgreSQL server: the IOTICS
 * API, validation, limits, races between instances sharing a store, and restarts.
 */
import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { httpResolver } from '../../src/core';
import { startResolver, type ResolverOptions, type ResolverServer } from '../../src/resolver/server';
import { backends, type StoreLocation } from './backends';
import { identity, rotated, touched } from './fixtures';

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'text/plain' }) =>
  fetch(`${url}/1.0/register`, { method: 'POST', body, headers });
const discover = (url: string, did: string) => fetch(`${url}/1.0/discover/${did}`);
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

describe.each(backends())('resolver on $name', (backend) => {
  const running: ResolverServer[] = [];
  let location: StoreLocation;

  afterAll(() => backend.tearDown());
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.close()));
  });

  async function start(extra: ResolverOptions = {}, at?: StoreLocation): Promise<ResolverServer> {
    if (!at) location = await backend.fresh();
    const resolver = await startResolver({ ...(at ?? location).options, rateLimit: null, ...extra });
    running.push(resolver);
    return resolver;
  }

  it('registers a token, serves it from discover (raw and percent-encoded DID), lists it in history, and reports health', async () => {
    const resolver = await start();
    const alice = await identity('alice');
    const response = await post(resolver.url, alice.token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ did: alice.document.id, version: 1, updateTime: alice.document.updateTime });

    const found = await discover(resolver.url, alice.document.id);
    expect(found.status).toBe(200);
    expect(found.headers.get('access-control-allow-origin')).toBe('*');
    expect(await found.json()).toEqual({ token: alice.token });
    expect(await discover(resolver.url, encodeURIComponent(alice.document.id)).then((r) => r.json())).toEqual({ token: alice.token });
    expect(await httpResolver(resolver.url)(alice.document.id)).toEqual(alice.document);

    const history = await fetch(`${resolver.url}/1.0/history/${alice.document.id}`).then((r) => r.json());
    expect(history).toMatchObject({ did: alice.document.id, versions: [{ version: 1, updateTime: alice.document.updateTime, token: alice.token }] });
    expect(await fetch(`${resolver.url}/health`).then((r) => r.json())).toEqual({
      status: 'ok',
      store: backend.name === 'SQLite' ? 'sqlite' : 'postgres',
    });
  });

  it('accepts {"token": "…"} bodies and keeps every version, oldest first', async () => {
    const resolver = await start();
    const v1 = await identity('bob');
    const v2 = await rotated(v1, 'bob-2');
    const v3 = await touched(v2, 5);
    for (const version of [v1, v2, v3]) {
      const response = await post(resolver.url, JSON.stringify({ token: version.token }), { 'content-type': 'application/json' });
      expect(response.status).toBe(200);
    }
    expect(await discover(resolver.url, v1.document.id).then((r) => r.json())).toEqual({ token: v3.token });
    const { versions } = (await fetch(`${resolver.url}/1.0/history/${v1.document.id}`).then((r) => r.json())) as {
      versions: { version: number; token: string }[];
    };
    expect(versions.map((v) => [v.version, v.token])).toEqual([
      [1, v1.token],
      [2, v2.token],
      [3, v3.token],
    ]);

    const page = (query: string) => fetch(`${resolver.url}/1.0/history/${v1.document.id}?${query}`).then((r) => r.json());
    expect(await page('limit=2')).toMatchObject({ versions: [{ version: 1 }, { version: 2 }], next: 2 });
    const last = await page('after=2&limit=2');
    expect(last.versions.map((v: { token: string }) => v.token)).toEqual([v3.token]);
    expect(last.next).toBeUndefined();
    const bad = await fetch(`${resolver.url}/1.0/history/${v1.document.id}?limit=0`);
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toBe('limit must be a whole number from 1 to 100');
  });

  it('answers 404 for an unknown DID and 400 for something that is not a DID', async () => {
    const resolver = await start();
    const unknown = await identity('nobody');
    const missing = await discover(resolver.url, unknown.document.id);
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toBe(`${unknown.document.id} is not registered`);
    expect((await fetch(`${resolver.url}/1.0/history/${unknown.document.id}`)).status).toBe(404);
    const broken = `${unknown.document.id.slice(0, -1)}${unknown.document.id.endsWith('a') ? 'b' : 'a'}`;
    expect((await discover(resolver.url, broken)).status).toBe(400);
    const long = await discover(resolver.url, 'did:iotics:' + 'x'.repeat(5000));
    expect(long.status).toBe(400);
    expect(await errorOf(long)).toMatch(/not a valid did:iotics DID/);
  });

  it('refuses bad bodies with a one-line reason and stores nothing', async () => {
    const resolver = await start();
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['{"token": ', /not valid JSON/],
      ['{"jwt": "a.b.c"}', /\{"token"/],
      ['hello world', /JWT/],
      ['a.b.c', /token|JSON|header/i],
    ];
    for (const [body, reason] of cases) {
      const response = await post(resolver.url, body);
      expect(response.status, body).toBe(400);
      const error = await errorOf(response);
      expect(error, body).toMatch(reason);
      expect(error).not.toContain('\n');
    }
  });

  it('refuses a token whose signature does not verify', async () => {
    const resolver = await start();
    const alice = await identity('alice');
    const tampered = `${alice.token.slice(0, -4)}AAAA`;
    const response = await post(resolver.url, tampered);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatch(/signature/i);
    expect((await discover(resolver.url, alice.document.id)).status).toBe(404);
  });

  it('refuses an update that is not newer, accepts the same token again, and refuses a rewritten chain', async () => {
    const resolver = await start();
    const v1 = await identity('carol');
    const v2 = await rotated(v1, 'carol-2');
    expect((await post(resolver.url, v1.token)).status).toBe(200);
    expect((await post(resolver.url, v2.token)).status).toBe(200);
    expect((await post(resolver.url, v2.token)).status, 'a retry of the stored token').toBe(200);

    const stale = await post(resolver.url, v1.token);
    expect(stale.status).toBe(409);
    expect(await errorOf(stale)).toMatch(/updateTime/);
    const sameTime = await touched(v1, 1);
    expect((await post(resolver.url, sameTime.token)).status).toBe(409);

    const rewritten = await rotated(v1, 'carol-other', 10); // newer, but its chain forks from v1
    const refused = await post(resolver.url, rewritten.token);
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatch(/identity chain does not extend/);
    expect(await discover(resolver.url, v1.document.id).then((r) => r.json())).toEqual({ token: v2.token });
    const { versions } = (await fetch(`${resolver.url}/1.0/history/${v1.document.id}`).then((r) => r.json())) as { versions: unknown[] };
    expect(versions).toHaveLength(2);
  });

  it('refuses bodies over 1 MiB, declared or streamed, before parsing them', async () => {
    const resolver = await start();
    const big = 'a'.repeat(1024 * 1024 + 1);
    const declared = await post(resolver.url, big);
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toMatch(/1 MiB/);

    // Chunked, without Content-Length: counted while streaming.
    const streamed = await new Promise<{ status: number; body: string }>((done, fail) => {
      const { hostname, port } = new URL(resolver.url);
      const req = request({ host: hostname, port, path: '/1.0/register', method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode!, body }));
      });
      req.on('error', fail);
      const chunk = 'a'.repeat(64 * 1024);
      const write = (left: number) => {
        if (left === 0) return req.end();
        if (req.write(chunk)) write(left - 1);
        else req.once('drain', () => write(left - 1));
      };
      write(20);
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error).toMatch(/1 MiB/);
    expect((await fetch(`${resolver.url}/health`)).status, 'still serving').toBe(200);
  });

  it('limits requests per client with 429 and Retry-After', async () => {
    const resolver = await start({ rateLimit: { perSecond: 1, burst: 3 } });
    const alice = await identity('alice');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await discover(resolver.url, alice.document.id)).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const limited = await post(resolver.url, alice.token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await errorOf(limited)).toMatch(/too many requests/);
  });

  it('of two updates racing on two instances sharing the store, exactly one is stored and the other gets 409', async () => {
    const first = await start();
    const second = await start({}, location);
    for (let round = 0; round < 4; round++) {
      const base = await identity(`race-${round}`);
      expect((await post(first.url, base.token)).status).toBe(200);
      const [a, b] = await Promise.all([rotated(base, `race-${round}-a`), rotated(base, `race-${round}-b`)]);
      const answers = await Promise.all([post(first.url, a.token), post(second.url, b.token)]);
      expect(answers.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const winner = answers[0]!.status === 200 ? a : b;
      const loser = await answers.find((r) => r.status === 409)!.json();
      expect(loser.error).toMatch(/same time|updateTime|identity chain/);
      for (const resolver of [first, second])
        expect(await discover(resolver.url, base.document.id).then((r) => r.json())).toEqual({ token: winner.token });
      const { versions } = (await fetch(`${second.url}/1.0/history/${base.document.id}`).then((r) => r.json())) as {
        versions: { token: string }[];
      };
      expect(versions.map((v) => v.token)).toEqual([base.token, winner.token]);
    }
  });

  it('the store itself takes each version number of a DID once, so the database decides a race', async () => {
    const first = await start();
    const second = await start({}, location);
    const did = (await identity('store-race')).document.id;
    const entry = (token: string) => ({ did, version: 1, updateTime: 1, token, registeredAt: 1 });
    const outcomes = await Promise.all([first.store.append(entry('a.b.c')), second.store.append(entry('d.e.f'))]);
    expect(outcomes.sort()).toEqual([false, true]);
    const history = await first.store.history(did, 0, 10);
    expect(history).toHaveLength(1);
    expect(['a.b.c', 'd.e.f']).toContain(history[0]!.token);
    expect(await second.store.append({ ...entry('g.h.i'), version: 2 })).toBe(true);
    expect((await first.store.head(did))?.token).toBe('g.h.i');
  });

  it('keeps every registration across a restart', async () => {
    const before = await start();
    const dave = await identity('dave');
    const dave2 = await rotated(dave, 'dave-2');
    expect((await post(before.url, dave.token)).status).toBe(200);
    expect((await post(before.url, dave2.token)).status).toBe(200);
    await before.close();
    const after = await start({}, location);
    expect(await discover(after.url, dave.document.id).then((r) => r.json())).toEqual({ token: dave2.token });
    const stale = await post(after.url, dave.token);
    expect(stale.status, 'the stored head still decides after a restart').toBe(409);
  });

  it('answers 405 for a wrong method and 404 for other paths, with CORS on GET', async () => {
    const resolver = await start();
    const wrong = await fetch(`${resolver.url}/1.0/register`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await fetch(`${resolver.url}/nothing`)).status).toBe(404);
    const preflight = await fetch(`${resolver.url}/1.0/register`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('with registration CORS off, GET stays open and POST carries no CORS headers', async () => {
    const resolver = await start({ registerCors: false });
    const erin = await identity('erin');
    const registered = await post(resolver.url, erin.token);
    expect(registered.status).toBe(200);
    expect(registered.headers.get('access-control-allow-origin')).toBeNull();
    expect((await discover(resolver.url, erin.document.id)).headers.get('access-control-allow-origin')).toBe('*');
  });
}, 60_000); // the first PostgreSQL test also starts the server
