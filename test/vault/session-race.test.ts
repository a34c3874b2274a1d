import { describe, expect, it } from 'vitest';
import { VaultSession } from '../../src/background/vault';
import { MemorySessionStore } from './helpers';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

/** A session store whose next `get` waits until the test lets it answer, to interleave operations. */
class GatedSessionStore extends MemorySessionStore {
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;
  /** Resolves when a `get` is held at the gate. */
  heldGet: Promise<void> = Promise.resolve();
  private signalHeld: () => void = () => undefined;

  holdNextGet(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
    this.heldGet = new Promise((resolve) => (this.signalHeld = resolve));
  }

  releaseGet(): void {
    this.release?.();
  }

  override async get(keys: string | string[]): Promise<Record<string, unknown>> {
    const items = await super.get(keys);
    const gate = this.gate;
    if (gate) {
      this.gate = null;
      this.signalHeld();
      await gate;
    }
    return items;
  }
}

describe('vault session operations run one at a time', () => {
  it('a lock that arrives while recordActivity is between its read and its write stays locked', async () => {
    const store = new GatedSessionStore();
    await new VaultSession(store).unlockSession(KEY);
    // A restarted worker's session: its first operation reads the store (later ones use what it read).
    const session = new VaultSession(store);

    store.holdNextGet();
    const activity = session.recordActivity();
    await store.heldGet; // recordActivity has read the unlocked session
    const locking = session.lock();
    store.releaseGet();
    await Promise.all([activity, locking]);

    expect(await session.currentVaultKey()).toBeNull();
    expect(store.items.size).toBe(0);
  });

  it('recordActivity followed at once by lock (neither awaited) ends locked', async () => {
    const store = new MemorySessionStore();
    const session = new VaultSession(store);
    await session.unlockSession(KEY);
    const activity = session.recordActivity();
    const locking = session.lock();
    await Promise.all([activity, locking]);
    expect(await session.currentVaultKey()).toBeNull();
  });
});
