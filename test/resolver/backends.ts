/**
 * The two stores the resolver suite runs against: SQLite in a fresh directory, and a real PostgreSQL
 * server (started by the suite, one fresh database per test). A missing PostgreSQL fails its tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../../e2e/resolver/postgres';
import type { ResolverOptions } from '../../src/resolver/server';

export { spawnResolver, type ResolverProcess } from '../../e2e/resolver/process';

/** Where one test's documents live: the same location can be opened again (restart) or twice (two instances). */
export interface StoreLocation {
  options: Pick<ResolverOptions, 'dataDir' | 'databaseUrl'>;
  cliArgs: string[];
}

export interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  /** A new, empty store for one test. */
  fresh(): Promise<StoreLocation>;
  tearDown(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    fresh: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sigil-resolver-'));
      dirs.push(dataDir);
      return { options: { dataDir }, cliArgs: ['--data', dataDir] };
    },
    tearDown: async () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The server starts with the first test that needs it (not in a beforeAll hook, whose failure vitest
 * reports as skipped tests): without PostgreSQL every test of this backend fails with the reason.
 */
export function postgresBackend(): Backend {
  let server: Promise<PostgresServer> | null = null;
  let databases = 0;
  return {
    name: 'PostgreSQL',
    fresh: async () => {
      const databaseUrl = await (await (server ??= startPostgres())).createDatabase(`resolver_${++databases}`);
      return { options: { databaseUrl }, cliArgs: ['--database', databaseUrl] };
    },
    tearDown: async () => {
      const started = await server?.catch(() => null);
      server = null;
      await started?.stop();
    },
  };
}

export const backends = (): Backend[] => [sqliteBackend(), postgresBackend()];
