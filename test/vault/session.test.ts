import { describe, expect, it } from 'vitest';
import { AutoLockPolicy, SESSION_STORAGE_KEY, VaultSession } from '../../src/background/vault';
import { errorOf, MemorySessionStore } from './helpers';

const MINUTE = 60_000;
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

class Clock {
  constructor(public time = 1_000_000) {}
  readonly now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

describe('auto-lock policy', () => {
  it('defaults to 15 minutes after the last activity', () => {
    const policy = new AutoLockPolicy();
    expect(policy.setting).toBe(15);
    expect(policy.deadline(0)).toBe(15 * MINUTE);
    expect(policy.isExpired({ lastActivityAt: 0 }, 15 * MINUTE - 1)).toBe(false);
    expect(policy.isExpired({ lastActivityAt: 0 }, 15 * MINUTE)).toBe(true);
  });

  it('supports other durations and never', () => {
    expect(new AutoLockPolicy(1).isExpired({ lastActivityAt: 0 }, MINUTE)).toBe(true);
    const never = new AutoLockPolicy('never');
    expect(never.deadline(0)).toBeNull();
    expect(never.isExpired({ lastActivityAt: 0 }, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('refuses nonsense settings', async () => {
    for (const bad of [0, -5, 1.5, Number.NaN]) expect((await errorOf(() => new AutoLockPolicy(bad))).code).toBe('SESSION_INVALID');
  });
});

describe('vault session', () => {
  it('keeps the key in the session store while unlocked and clears it on lock', async () => {
    const store = new MemorySessionStore();
    const session = new VaultSession(store);
    expect(await session.currentVaultKey()).toBeNull();
    await session.unlockSession(KEY);
    expect(await session.currentVaultKey()).toEqual(KEY);
    const stored = JSON.parse(store.items.get(SESSION_STORAGE_KEY)!) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['lastActivityAt', 'unlockedAt', 'vaultKey']);
    await session.lock();
    expect(await session.currentVaultKey()).toBeNull();
    expect(store.items.size).toBe(0);
  });

  it('survives a restarted worker: a new instance over the same store is still unlocked', async () => {
    const store = new MemorySessionStore();
    await new VaultSession(store).unlockSession(KEY);
    expect(await new VaultSession(store).currentVaultKey()).toEqual(KEY);
  });

  it('locks on its own once the auto-lock deadline has passed, and activity moves it', async () => {
    const clock = new Clock();
    const store = new MemorySessionStore();
    const session = new VaultSession(store, { autoLock: new AutoLockPolicy(15), now: clock.now });
    await session.unlockSession(KEY);
    const unlockedAt = clock.time;
    expect(await session.lockDeadline()).toBe(unlockedAt + 15 * MINUTE);

    clock.advance(10 * MINUTE);
    await session.recordActivity();
    expect(await session.times()).toEqual({ unlockedAt, lastActivityAt: unlockedAt + 10 * MINUTE });
    clock.advance(14 * MINUTE);
    expect(await session.currentVaultKey()).toEqual(KEY);
    expect(await session.expireIfDue()).toEqual({ state: 'unlocked', deadline: unlockedAt + 25 * MINUTE });
    clock.advance(MINUTE);
    expect(await session.expireIfDue()).toEqual({ state: 'expired' });
    expect(await session.currentVaultKey()).toBeNull();
    expect(store.items.size).toBe(0);
    expect(await session.expireIfDue()).toEqual({ state: 'locked' });
  });

  it('tells when a read finds the session expired and locks it, once', async () => {
    const clock = new Clock();
    let expired = 0;
    const session = new VaultSession(new MemorySessionStore(), { now: clock.now, onExpired: () => expired++ });
    await session.unlockSession(KEY);
    clock.advance(14 * MINUTE);
    expect(await session.currentVaultKey()).toEqual(KEY);
    expect(expired).toBe(0);
    clock.advance(16 * MINUTE);
    expect(await session.currentVaultKey()).toBeNull();
    expect(await session.times()).toBeNull();
    expect(expired).toBe(1);
    await session.lock();
    expect(expired).toBe(1);
  });

  it('never locks by time with the never policy', async () => {
    const clock = new Clock();
    const session = new VaultSession(new MemorySessionStore(), { autoLock: new AutoLockPolicy('never'), now: clock.now });
    await session.unlockSession(KEY);
    clock.advance(365 * 24 * 60 * MINUTE);
    expect(await session.expireIfDue()).toEqual({ state: 'unlocked', deadline: null });
    expect(await session.currentVaultKey()).toEqual(KEY);
    expect(await session.lockDeadline()).toBeNull();
  });

  it('applies a changed policy to the running session', async () => {
    const clock = new Clock();
    const session = new VaultSession(new MemorySessionStore(), { now: clock.now });
    await session.unlockSession(KEY);
    clock.advance(5 * MINUTE);
    session.setAutoLock(new AutoLockPolicy(5));
    expect(await session.currentVaultKey()).toBeNull();
  });

  it('treats malformed session data as locked and clears it', async () => {
    const store = new MemorySessionStore();
    await store.set({ [SESSION_STORAGE_KEY]: { vaultKey: 'AAAA', unlockedAt: 1, lastActivityAt: 1 } });
    expect(await new VaultSession(store).currentVaultKey()).toBeNull();
    expect(store.items.size).toBe(0);
  });

  it('refuses a key of the wrong size', async () => {
    const session = new VaultSession(new MemorySessionStore());
    expect((await errorOf(session.unlockSession(new Uint8Array(16)))).code).toBe('SESSION_INVALID');
  });
});
