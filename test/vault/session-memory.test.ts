/** The vault session kept in the worker's memory (session.ts): the same answers as the store, read once. */
import { describe, expect, it } from 'vitest';
import { AutoLockPolicy, SESSION_STORAGE_KEY, VaultSession } from '../../src/background/vault';
import { MemorySessionStore } from './helpers';

const KEY = new Uint8Array(32).fill(9);

class CountingStore extends MemorySessionStore {
  gets = 0;
  failNextSet = false;

  override async get(keys: string | string[]) {
    this.gets += 1;
    return super.get(keys);
  }

  override async set(items: Record<string, unknown>) {
    if (this.failNextSet) {
      this.failNextSet = false;
      throw new Error('storage full');
    }
    return super.set(items);
  }
}

/** A store that, like storage.session, tells its listeners about every write. */
class ObservedStore extends MemorySessionStore {
  private readonly listeners: ((changes: Record<string, unknown>) => void)[] = [];
  readonly onChanged = { addListener: (listener: (changes: Record<string, unknown>) => void) => void this.listeners.push(listener) };

  override async set(items: Record<string, unknown>) {
    await super.set(items);
    for (const listener of this.listeners) listener(Object.fromEntries(Object.keys(items).map((key) => [key, {}])));
  }
}

describe('vault session in memory', () => {
  it('reads the store again after another context changed the session, and expires it by what it reads', async () => {
    const store = new ObservedStore();
    let now = 1_000_000;
    const session = new VaultSession(store, { autoLock: new AutoLockPolicy(5), now: () => now });
    await session.unlockSession(KEY);
    expect(await session.currentVaultKey()).toEqual(KEY);
    // Another of Sigil's contexts rewrites the session as idle for 6 minutes.
    const stored = JSON.parse(store.items.get(SESSION_STORAGE_KEY)!) as { lastActivityAt: number };
    await store.set({ [SESSION_STORAGE_KEY]: { ...stored, lastActivityAt: now - 6 * 60_000 } });
    expect(await session.currentVaultKey()).toBeNull();
    expect(store.items.size).toBe(0);
  });

  it('reads the store once per worker, then answers from memory', async () => {
    const store = new CountingStore();
    await new VaultSession(store).unlockSession(KEY);
    const restarted = new VaultSession(store);
    for (let i = 0; i < 5; i++) expect(await restarted.currentVaultKey()).toEqual(KEY);
    expect(store.gets).toBe(1);
  });

  it('hands out a copy of the key: wiping it leaves the session unlocked with the same key', async () => {
    const session = new VaultSession(new MemorySessionStore());
    await session.unlockSession(KEY);
    (await session.currentVaultKey())!.fill(0);
    expect(await session.currentVaultKey()).toEqual(KEY);
  });

  it('after a failed write, answers what the store holds', async () => {
    const store = new CountingStore();
    const session = new VaultSession(store);
    await session.unlockSession(KEY);
    store.failNextSet = true;
    await expect(session.unlockSession(new Uint8Array(32).fill(1))).rejects.toThrow('storage full');
    expect(await session.currentVaultKey()).toEqual(KEY);
  });

  it('a lock is seen by the next read of the same worker', async () => {
    const store = new MemorySessionStore();
    const session = new VaultSession(store);
    await session.unlockSession(KEY);
    await session.lock();
    expect(await session.currentVaultKey()).toBeNull();
    expect(store.items.size).toBe(0);
  });
});
