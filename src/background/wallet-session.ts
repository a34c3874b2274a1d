/** Unlocking and locking the wallet: the session key, the auto-lock alarm and the events, together. */
import { armAutoLock, scheduleAutoLock } from './auto-lock-alarm';
import { emitWalletEvent } from './events';
import { seedDrafts, session } from './services';

export async function unlockWallet(vaultKey: Uint8Array): Promise<void> {
  await (await session()).unlockSession(vaultKey);
  await armAutoLock();
  emitWalletEvent({ type: 'unlock' });
}

/** Forgets the vault key and any seed draft. */
export async function lockWallet(): Promise<void> {
  await (await session()).lock();
  await seedDrafts().discard();
  await scheduleAutoLock(null);
  emitWalletEvent({ type: 'lock' });
}
