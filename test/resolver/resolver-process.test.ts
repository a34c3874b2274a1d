/**
 * The real `sigil resolver` process (src/resolver/main.ts, what `npm run resolver` runs): its ready
 * line, its request logs, a clean stop on SIGTERM and no acknowledged write lost to SIGKILL.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinDir } from '../../e2e/resolver/postgres';
import { main } from '../../src/cli/sigil';
import { backends, spawnResolver, type ResolverProcess } from './backends';
import { identity, type TestIdentity } from './fixtures';

const post = (url: string, token: string) => fetch(`${url}/1.0/register`, { method: 'POST', body: token });

/** Registers `items` from `clients` concurrent clients; returns the ones the resolver acknowledged (200). */
async function registerAll(url: string, items: TestIdentity[], clients: number, onAck?: (count: number) => void) {
  const acknowledged: TestIdentity[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        try {
          const response = await post(url, item.token);
          if (response.status === 200) {
            acknowledged.push(item);
            onAck?.(acknowledged.length);
          } else await response.body?.cancel();
        } catch {
          // The connection was cut: not acknowledged, so nothing is promised.
        }
      }
    }),
  );
  return acknowledged;
}

let population: TestIdentity[] = [];
beforeAll(async () => {
  population = [];
  for (let i = 0; i < 150; i++) population.push(await identity(`load-${i}`));
}, 60_000);

it('`sigil resolver` refuses bad arguments with a usage line', async () => {
  const err: string[] = [];
  const io = { stdout: () => {}, stderr: (t: string) => void err.push(t), readStdin: async () => '' };
  expect(await main(['resolver', '--data', '/tmp/x'], io)).toBe(1);
  expect(err.join('')).toMatch(/--port must be a port number/);
  err.length = 0;
  expect(await main(['resolver', '--port', '0', '--database', 'mysql://x'], io)).toBe(1);
  expect(err.join('')).toMatch(/--database must be a postgres:\/\/ URL/);
});

describe.each(backends())('the resolver process on $name', (backend) => {
  const processes: ResolverProcess[] = [];
  afterAll(() => backend.tearDown());
  afterEach(() => {
    for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  });
  const spawnAt = async (args: string[]) => {
    const p = await spawnResolver([...args, '--rate-limit', '0']);
    processes.push(p);
    return p;
  };

  it('prints its address, logs one JSON line per request without DIDs or tokens, and stops cleanly on SIGTERM keeping every acknowledged write', async () => {
    const { cliArgs } = await backend.fresh();
    const resolver = await spawnAt(cliArgs);
    expect(resolver.stdout[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const [first, ...rest] = population.slice(0, 60);
    expect((await post(resolver.url, first!.token)).status).toBe(200);
    expect((await fetch(`${resolver.url}/1.0/discover/${first!.document.id}`)).status).toBe(200);

    let signalled = false;
    const acknowledged = await registerAll(resolver.url, rest, 8, (count) => {
      if (count === 10 && !signalled) {
        signalled = true;
        resolver.child.kill('SIGTERM');
      }
    });
    expect(await resolver.exited).toBe(0);
    expect(resolver.stderr()).toContain('"event":"stopped"');

    const logs = resolver.stdout.slice(1).filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs[0]).toMatchObject({ method: 'POST', path: '/1.0/register', status: 200 });
    expect(logs[1]).toMatchObject({ method: 'GET', path: '/1.0/discover/{did}', status: 200 });
    expect(typeof logs[0]!.ms).toBe('number');
    const everything = resolver.stdout.join('\n');
    expect(everything).not.toContain(first!.document.id);
    expect(everything).not.toContain(first!.token.slice(0, 40));

    const again = await spawnAt(cliArgs);
    for (const item of [first!, ...acknowledged])
      expect(await fetch(`${again.url}/1.0/discover/${item.document.id}`).then((r) => r.json())).toEqual({ token: item.token });
  });

  it('loses no acknowledged registration when killed with SIGKILL in the middle of a load', async () => {
    const { cliArgs, options } = await backend.fresh();
    const resolver = await spawnAt(cliArgs);
    let killed = false;
    const items = population.slice(60);
    const acknowledged = await registerAll(resolver.url, items, 16, (count) => {
      if (count === 40 && !killed) {
        killed = true;
        resolver.child.kill('SIGKILL');
      }
    });
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(acknowledged.length, 'the kill happened mid-load').toBeLessThan(items.length);
    await resolver.exited;

    if (options.dataDir) {
      const db = new Database(join(options.dataDir, 'resolver.sqlite'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
    const again = await spawnAt(cliArgs);
    for (const item of acknowledged)
      expect(await fetch(`${again.url}/1.0/discover/${item.document.id}`).then((r) => r.json())).toEqual({ token: item.token });
  });
}, 60_000); // the first PostgreSQL test also starts the server

it('without PostgreSQL installed the suite stops with a message saying what to install', () => {
  expect(() => postgresBinDir('/nonexistent/postgresql')).toThrow(
    /PostgreSQL is not installed .*install Debian's postgresql package \(sudo apt-get install -y postgresql\)/,
  );
  expect(postgresBinDir()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
});
