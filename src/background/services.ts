/**
 * The background's long-lived services, created lazily on first use so that a freshly woken worker
 * starts fast. Each is a single instance per worker lifetime.
 */
import browser from 'webextension-polyfill';
import { ErrorCode, SigilError } from '../shared/errors';
import { emitWalletEvent } from './events';
import { getSetting, openSigilDatabase, type SigilDatabase } from './storage';
import { AutoLockPolicy, SeedDrafts, Vault, VaultSession, type SessionStore } from './vault';

let databasePromise: Promise<SigilDatabase> | null = null;
let vaultPromise: Promise<Vault> | null = null;
let sessionPromise: Promise<VaultSession> | null = null;
let drafts: SeedDrafts | null = null;

/** `storage.session`: kept across worker restarts, emptied by the browser on restart, trusted contexts only. */
const sessionStore = (): SessionStore => browser.storage.session as unknown as SessionStore;

export function database(): Promise<SigilDatabase> {
  databasePromise ??= openSigilDatabase(indexedDB).catch((error: unknown) => {
    databasePromise = null;
    throw error;
  });
  return databasePromise;
}

export function vault(): Promise<Vault> {
  vaultPromise ??= database().then((db) => new Vault(db));
  return vaultPromise;
}

export function session(): Promise<VaultSession> {
  sessionPromise ??= database().then(async (db) => {
    const minutes = await getSetting(db, 'autoLock');
    return new VaultSession(sessionStore(), {
      autoLock: new AutoLockPolicy(minutes),
      // Found expired by a read before the alarm fired: the same consequences as an alarm lock.
      onExpired: () => {
        void seedDrafts().discard();
        emitWalletEvent({ type: 'lock' });
      },
    });
  });
  return sessionPromise;
}

export function seedDrafts(): SeedDrafts {
  drafts ??= new SeedDrafts(sessionStore());
  return drafts;
}

/** Moves the auto-lock deadline; call when the person does something. The alarm re-arms itself. */
export async function recordActivity(): Promise<void> {
  await (await session()).recordActivity();
}

/** The vault key, or a 4100 error when the wallet is locked. */
export async function requireVaultKey(): Promise<Uint8Array> {
  const key = await (await session()).currentVaultKey();
  if (!key) throw new SigilError(ErrorCode.unauthorized, 'Sigil is locked. Unlock it and try again.');
  return key;
}
