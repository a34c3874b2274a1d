import { describe, expect, it } from 'vitest';
import { AUTO_LOCK_ALARM } from '../../src/background/wallet/wallet-controller';
import { PASSWORD, rejectionOf, startBackground, VECTOR_SEED_HEX } from './helpers';

async function unlockedWallet() {
  const bg = await startBackground();
  await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX } });
  return bg;
}

describe('wallet (vault and session)', () => {
  it('is set up unlocked, with the auto-lock alarm at the deadline and the unlock announced', async () => {
    const bg = await unlockedWallet();
    expect(await bg.wallet.isUnlocked()).toBe(true);
    expect(bg.platform.alarms.alarms.get(AUTO_LOCK_ALARM)).toBe(bg.platform.clock.now + 15 * 60_000);
    expect(bg.emitted).toContainEqual({ type: 'unlock' });
  });

  it('locks: the key is gone, the alarm cleared, pages told, and keys needed again give 4100', async () => {
    const bg = await unlockedWallet();
    await bg.ui('ui_lock', undefined);
    expect(await bg.wallet.isUnlocked()).toBe(false);
    expect(bg.platform.alarms.alarms.has(AUTO_LOCK_ALARM)).toBe(false);
    expect(bg.emitted).toContainEqual({ type: 'lock' });
    expect(await rejectionOf(bg.ui('ui_seeds', undefined))).toMatchObject({ code: 4100 });
    expect((await bg.ui('ui_state', undefined)).vault).toBe('locked');
  });

  it('locks when the alarm fires after the deadline, and re-arms when activity moved it', async () => {
    const bg = await unlockedWallet();
    bg.platform.clock.now += 10 * 60_000;
    await bg.ui('ui_entities', undefined);
    await bg.wallet.onAlarm(AUTO_LOCK_ALARM);
    expect(await bg.wallet.isUnlocked()).toBe(true);
    expect(bg.platform.alarms.alarms.get(AUTO_LOCK_ALARM)).toBe(bg.platform.clock.now + 15 * 60_000);
    bg.platform.clock.now += 16 * 60_000;
    await bg.wallet.onAlarm(AUTO_LOCK_ALARM);
    expect(await bg.wallet.isUnlocked()).toBe(false);
    expect(bg.emitted.filter((e) => e.type === 'lock')).toHaveLength(1);
  });

  it('unlocks with the right password only, and a restarted worker stays unlocked', async () => {
    const bg = await unlockedWallet();
    await bg.ui('ui_lock', undefined);
    expect(await rejectionOf(bg.ui('ui_unlock', { password: 'wrong password!' }))).toMatchObject({ code: 4100 });
    await bg.ui('ui_unlock', { password: PASSWORD });
    const restarted = await startBackground(bg.platform);
    expect((await restarted.ui('ui_state', undefined)).vault).toBe('unlocked');
    expect((await restarted.ui('ui_seeds', undefined)).seeds).toHaveLength(1);
  });

  it('applies a new auto-lock setting to the alarm at once', async () => {
    const bg = await unlockedWallet();
    await bg.ui('ui_setAutoLock', { minutes: 'never' });
    expect(bg.platform.alarms.alarms.has(AUTO_LOCK_ALARM)).toBe(false);
    await bg.ui('ui_setAutoLock', { minutes: 5 });
    expect(bg.platform.alarms.alarms.get(AUTO_LOCK_ALARM)).toBe(bg.platform.clock.now + 5 * 60_000);
  });

  it('changes the password: the old one no longer unlocks', async () => {
    const bg = await unlockedWallet();
    await bg.ui('ui_changePassword', { current: PASSWORD, next: 'a new long password' });
    await bg.ui('ui_lock', undefined);
    expect(await rejectionOf(bg.ui('ui_unlock', { password: PASSWORD }))).toMatchObject({ code: 4100 });
    expect((await bg.ui('ui_unlock', { password: 'a new long password' })).vault).toBe('unlocked');
  });
});
