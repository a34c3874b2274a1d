// idb recognises requests with `instanceof IDBRequest` etc., so Node needs the IDB* globals;
// each test still gets its own injected IDBFactory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openSigilDatabase, readVaultSlots, type PendingRequestRecord, type SigilDatabase } from '../../src/background/storage';
import { addEntityRef, Vault, type KdfParams, type NewEntityRef, type SessionStore, type VaultOptions } from '../../src/background/vault';

/** Cheap Argon2id parameters so most tests run fast; one test uses the real defaults. */
export const FAST_KDF: KdfParams = { m: 64, t: 1, p: 1 };
export const PASSWORD = 'correct horse battery';

/** A fresh, isolated IndexedDB for each call. */
export const openTestDb = (): Promise<SigilDatabase> => openSigilDatabase(new IDBFactory());

export async function newVault(options: VaultOptions = {}): Promise<{ db: SigilDatabase; vault: Vault }> {
  const db = await openTestDb();
  return { db, vault: new Vault(db, { kdf: FAST_KDF, ...options }) };
}

export async function createdVault(options: VaultOptions = {}) {
  const { db, vault } = await newVault(options);
  const vaultKey = await vault.create(PASSWORD);
  return { db, vault, vaultKey };
}

export const rawSlots = (db: SigilDatabase) => readVaultSlots(db);

/** Stores an identity as the wallet does: its secret reference and its public row in one write. */
export function storeIdentity(
  vault: Vault,
  vaultKey: Uint8Array,
  ref: NewEntityRef,
  entity: ReturnType<typeof sampleEntity>,
): Promise<void> {
  return vault.update(vaultKey, (secrets) => ({
    secrets: addEntityRef(secrets, ref),
    result: undefined,
    publicWrites: {
      stores: ['entities'],
      async write(tx) {
        await tx.objectStore('entities').put(entity);
      },
    },
  }));
}

/** `expect(promise).rejects` with a code, as a one-liner. */
export async function errorOf(work: Promise<unknown> | (() => unknown)): Promise<{ code?: string; message: string }> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected an error');
}

/** In-memory stand-in for `browser.storage.session` (JSON round trip, like the real one). */
export class MemorySessionStore implements SessionStore {
  readonly items = new Map<string, string>();

  async get(keys: string | string[]): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const value = this.items.get(key);
      if (value !== undefined) result[key] = JSON.parse(value);
    }
    return result;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.items.set(key, JSON.stringify(value));
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const key of typeof keys === 'string' ? [keys] : keys) this.items.delete(key);
  }
}

export const sampleEntity = (did: string, label = 'Alice') => ({
  did,
  kind: 'user' as const,
  label,
  stage: 'local' as const,
  chainId: 'ab'.repeat(32),
  names: [did],
  entries: [],
  document: null,
  documentToken: null,
  format: 'sigil' as const,
  createdAt: 1,
  updatedAt: 1,
});

/** A waiting sigil_connect request (what a site's pending approval looks like in storage). */
export const samplePending = (id: string, origin: string, createdAt: number): PendingRequestRecord => ({
  id,
  origin,
  method: 'sigil_connect',
  details: { method: 'sigil_connect', kinds: null, choices: [] },
  createdAt,
  requestId: `request-${id}`,
  tabId: 1,
  frameId: 0,
  outcome: null,
});
