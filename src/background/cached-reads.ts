/**
 * The database as the background uses it, with reads of the stores every page request consults
 * (`permissions`, `entities`; and which `requestResults` keys exist) answered from memory.
 *
 * Why: a token under a standing grant read ten rows, one IndexedDB transaction each (0.15–0.25 ms
 * apiece in Chromium's worker), which was most of its time (README, Performance).
 *
 * Correct because the background is the only writer of its database (Sigil's pages ask it over the
 * UI Port) and every write goes through this object's `transaction` or its write shortcuts: a
 * readwrite transaction over a cached store empties that store's cache when it starts and again
 * when it ends, and nothing is cached while one is running. A read that started before a write
 * began is not kept (the store's generation moved on). Each answer is a copy, as IndexedDB's are,
 * so a caller changing what it got cannot change what the next caller gets.
 */
import type { SigilDatabase, StoreName } from './storage';

const CACHED_STORES = ['permissions', 'entities', 'requestResults'] as const satisfies readonly StoreName[];
type CachedStore = (typeof CACHED_STORES)[number];

const WRITE_SHORTCUTS = new Set<PropertyKey>(['put', 'add', 'delete', 'clear']);

class StoreCache {
  /** Moves on at the start and end of every write, so a read that overlapped one is not kept. */
  generation = 0;
  /** Readwrite transactions over this store that have not finished. */
  writers = 0;
  readonly rows = new Map<string, unknown>();
  all: unknown[] | null = null;
  keys: Set<string> | null = null;

  invalidate(): void {
    this.generation += 1;
    this.rows.clear();
    this.all = null;
    this.keys = null;
  }

  /** Whether a read that began at `generation` may be kept. */
  keeps(generation: number): boolean {
    return this.writers === 0 && this.generation === generation;
  }
}

/** Databases this module returned: wrapping one again gives it back (one cache per database). */
const withCache = new WeakSet<SigilDatabase>();

const isCached = (name: unknown): name is CachedStore => (CACHED_STORES as readonly unknown[]).includes(name);

export function withCachedReads(db: SigilDatabase): SigilDatabase {
  if (withCache.has(db)) return db;
  const caches = new Map<CachedStore, StoreCache>(CACHED_STORES.map((name) => [name, new StoreCache()]));

  const track = (storeNames: unknown, tx: { done: Promise<void> }) => {
    const names = (Array.isArray(storeNames) ? storeNames : [storeNames]).filter(isCached);
    for (const name of names) {
      const cache = caches.get(name)!;
      cache.writers += 1;
      cache.invalidate();
    }
    const finished = () => {
      for (const name of names) {
        const cache = caches.get(name)!;
        cache.writers -= 1;
        cache.invalidate();
      }
    };
    tx.done.then(finished, finished);
  };

  const transaction = (storeNames: never, mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
    const tx = db.transaction(storeNames, mode, options);
    if (mode === 'readwrite') track(storeNames, tx);
    return tx;
  };

  /** Whether the row `key` may exist: false only when the store's keys are known and it is not among them. */
  async function mayExist(cache: StoreCache, store: CachedStore, key: string): Promise<boolean> {
    if (cache.writers > 0) return true;
    if (!cache.keys) {
      const generation = cache.generation;
      const keys = new Set((await db.getAllKeys(store)) as string[]);
      if (!cache.keys && cache.keeps(generation)) cache.keys = keys;
      return keys.has(key) || !cache.keeps(generation);
    }
    return cache.keys.has(key);
  }

  async function get(store: StoreName, key: unknown): Promise<unknown> {
    if (!isCached(store) || typeof key !== 'string') return db.get(store, key as never);
    const cache = caches.get(store)!;
    if (store === 'requestResults') {
      // Every page request looks up its own new id: knowing the keys answers almost all of them.
      return (await mayExist(cache, store, key)) ? db.get(store, key) : undefined;
    }
    if (cache.rows.has(key)) return structuredClone(cache.rows.get(key));
    const generation = cache.generation;
    const row = await db.get(store, key);
    if (cache.keeps(generation)) cache.rows.set(key, structuredClone(row));
    return row;
  }

  async function getAll(store: StoreName, ...rest: unknown[]): Promise<unknown[]> {
    if (!isCached(store) || rest.length > 0 || store === 'requestResults') return db.getAll(store, ...(rest as []));
    const cache = caches.get(store)!;
    if (cache.all) return structuredClone(cache.all);
    const generation = cache.generation;
    const rows = await db.getAll(store);
    if (cache.keeps(generation)) cache.all = structuredClone(rows);
    return rows;
  }

  const proxy: SigilDatabase = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') return transaction;
      if (prop === 'get') return get;
      if (prop === 'getAll') return getAll;
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      // idb's write shortcuts open their transaction with this.transaction: through ours, so they are tracked.
      if (WRITE_SHORTCUTS.has(prop)) return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(proxy, args);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  withCache.add(proxy);
  return proxy;
}
