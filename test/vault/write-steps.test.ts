/**
 * The copy slot keeps the previous generation until the new one has been read back: faults injected
 * into each step of a write (a failed or aborted primary write, a crash before the copy is written,
 * a primary that reads back damaged) must leave a wallet that opens with the right data.
 */
import { describe, expect, it } from 'vitest';
import { getEntity, type SigilDatabase, type VaultSlot } from '../../src/background/storage';
import { SeedManager, Vault, type StoredVaultRecord } from '../../src/background/vault';
import { createdVault, errorOf, FAST_KDF, PASSWORD, rawSlots, sampleEntity, storeIdentity } from './helpers';

const DID = 'did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3';

/** What to do to a put into a vault slot: let it through, fail it, or store something else. */
type VaultPutFault = (slot: VaultSlot, record: unknown) => { fail: string } | { store: unknown } | null;

/** Binds methods to the wrapped object so idb's own proxies keep working behind ours. */
function passThrough<T extends object>(target: T, override: (prop: string | symbol) => unknown): T {
  return new Proxy(target, {
    get(object, prop) {
      const replaced = override(prop);
      if (replaced !== undefined) return replaced;
      const value = Reflect.get(object, prop, object) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** `db`, with every put into the `vault` store passed through `fault` first. */
function withVaultFaults(db: SigilDatabase, fault: VaultPutFault): SigilDatabase {
  const wrapStore = (store: { put(value: unknown, key?: unknown): Promise<unknown> }, name: string) =>
    passThrough(store, (prop) =>
      prop === 'put' && name === 'vault'
        ? (value: unknown, key: VaultSlot) => {
            const injected = fault(key, value);
            if (injected && 'fail' in injected) return Promise.reject(new Error(injected.fail));
            return store.put(injected ? injected.store : value, key);
          }
        : undefined,
    );
  const wrapTx = (tx: { objectStore(name: string): never }) =>
    passThrough(tx, (prop) => (prop === 'objectStore' ? (name: string) => wrapStore(tx.objectStore(name), name) : undefined));
  return passThrough(db, (prop) =>
    prop === 'transaction'
      ? (...args: unknown[]) => wrapTx((db.transaction as (...a: unknown[]) => never)(...args))
      : undefined,
  );
}

/** Flips one character of the payload ciphertext: well-formed, but no longer intact. */
function damage(record: unknown): StoredVaultRecord {
  const stored = record as StoredVaultRecord;
  const ct = stored.payload.ct;
  return { ...stored, payload: { ...stored.payload, ct: ct.slice(0, 4) + (ct[4] === 'A' ? 'B' : 'A') + ct.slice(5) } };
}

/** A wallet with one seed (generation 1 after create: counter 2); returns what a test compares against. */
async function walletWithSeed() {
  const context = await createdVault();
  const { seed } = await new SeedManager(context.vault).create(context.vaultKey, 'First');
  return { ...context, firstSeedId: seed.id, previous: await rawSlots(context.db) };
}

const seedLabels = async (vault: Vault, vaultKey: Uint8Array) => (await vault.read(vaultKey)).seeds.map((s) => s.label);

describe('a write keeps the previous generation in the copy until the new one reads back', () => {
  it('normal write: primary first, then the copy, both the new generation', async () => {
    const { db, vault, vaultKey, previous } = await walletWithSeed();
    const order: VaultSlot[] = [];
    const observed = new Vault(withVaultFaults(db, (slot) => (order.push(slot), null)), { kdf: FAST_KDF });
    await new SeedManager(observed).create(vaultKey, 'Second');
    expect(order).toEqual(['primary', 'copy']);
    const slots = await rawSlots(db);
    expect(slots.copy).toEqual(slots.primary);
    expect((slots.primary as StoredVaultRecord).counter).toBe((previous.primary as StoredVaultRecord).counter + 1);
    expect(await seedLabels(vault, vaultKey)).toEqual(['First', 'Second']);
  });

  it('a failed primary write changes nothing: vault and public rows stay as they were', async () => {
    const { db, vaultKey, firstSeedId, previous } = await walletWithSeed();
    const failing = new Vault(withVaultFaults(db, (slot) => (slot === 'primary' ? { fail: 'disk full' } : null)), { kdf: FAST_KDF });
    const error = await errorOf(
      storeIdentity(failing, vaultKey, { entityId: DID, seedId: firstSeedId, kind: 'user', keyName: 'alice' }, sampleEntity(DID)),
    );
    expect(error.message).toBe('disk full');
    expect(await rawSlots(db)).toEqual(previous);
    expect(await getEntity(db, DID)).toBeUndefined();
    const reopened = new Vault(db, { kdf: FAST_KDF });
    expect((await reopened.unlock(PASSWORD)).recovered).toBe(false);
    expect((await reopened.read(vaultKey)).entities).toEqual([]);
  });

  it('a crash after the primary write, before the copy: the new generation opens, the copy is the previous one', async () => {
    const { db, vaultKey, previous } = await walletWithSeed();
    // The copy write never lands (the worker was stopped between the two transactions).
    const crashing = new Vault(withVaultFaults(db, (slot) => (slot === 'copy' ? { fail: 'worker stopped' } : null)), { kdf: FAST_KDF });
    const added = await new SeedManager(crashing).create(vaultKey, 'Second');
    expect(added.seed.label).toBe('Second');

    const slots = await rawSlots(db);
    expect(slots.copy).toEqual(previous.copy);
    expect(slots.primary).not.toEqual(previous.primary);
    const reopened = new Vault(db, { kdf: FAST_KDF });
    expect(await reopened.health()).toEqual({ state: 'ok', copyIntact: true });
    expect(await reopened.unlock(PASSWORD)).toMatchObject({ recovered: false });
    expect(await seedLabels(reopened, vaultKey)).toEqual(['First', 'Second']);

    // Should the new primary be lost later, the copy still opens with the previous generation.
    await db.put('vault', damage(slots.primary), 'primary');
    expect(await reopened.unlock(PASSWORD)).toMatchObject({ recovered: true });
    expect(await seedLabels(reopened, vaultKey)).toEqual(['First']);

    // And the next complete write brings the copy up to date again.
    await reopened.restoreCopyAsPrimary();
    await new SeedManager(reopened).create(vaultKey, 'Third');
    const healed = await rawSlots(db);
    expect(healed.copy).toEqual(healed.primary);
    expect(await seedLabels(reopened, vaultKey)).toEqual(['First', 'Third']);
  });

  it('a primary that reads back damaged is refused and the copy keeps the previous generation', async () => {
    const { db, vaultKey, previous } = await walletWithSeed();
    const corrupting = new Vault(withVaultFaults(db, (slot, record) => (slot === 'primary' ? { store: damage(record) } : null)), {
      kdf: FAST_KDF,
    });
    const error = await errorOf(new SeedManager(corrupting).create(vaultKey, 'Second'));
    expect(error).toMatchObject({
      code: 'WRITE_NOT_VERIFIED',
      message: 'The wallet data did not read back intact after saving. The previous version is kept as a copy.',
    });
    expect((await rawSlots(db)).copy).toEqual(previous.copy);

    const reopened = new Vault(db, { kdf: FAST_KDF });
    expect(await reopened.health()).toEqual({ state: 'recovered', reason: 'integrity check failed' });
    expect(await reopened.unlock(PASSWORD)).toMatchObject({ recovered: true });
    expect(await seedLabels(reopened, vaultKey)).toEqual(['First']);
    await reopened.restoreCopyAsPrimary();
    expect(await reopened.health()).toEqual({ state: 'ok', copyIntact: true });
  });

  it('a primary whose payload does not open with the vault key is refused the same way', async () => {
    const { db, vaultKey, previous } = await walletWithSeed();
    // Intact record (digest recomputed) around a payload from another generation: only decryption can tell.
    const stale = previous.primary as StoredVaultRecord;
    const { encodeVaultRecord, readVaultRecord } = await import('../../src/background/vault');
    const swapPayload = (record: unknown) => {
      const fresh = readVaultRecord(record);
      const old = readVaultRecord(stale);
      if (fresh.state !== 'intact' || old.state !== 'intact') throw new Error('expected intact records');
      return encodeVaultRecord({ ...fresh.record, payload: old.record.payload });
    };
    const swapping = new Vault(withVaultFaults(db, (slot, record) => (slot === 'primary' ? { store: swapPayload(record) } : null)), {
      kdf: FAST_KDF,
    });
    expect((await errorOf(new SeedManager(swapping).create(vaultKey, 'Second'))).code).toBe('WRITE_NOT_VERIFIED');
    expect((await rawSlots(db)).copy).toEqual(previous.copy);
  });

  it('creating a wallet: a crash before the copy still leaves a wallet that opens', async () => {
    const { IDBFactory } = await import('fake-indexeddb');
    const { openSigilDatabase } = await import('../../src/background/storage');
    const db = await openSigilDatabase(new IDBFactory());
    const crashing = new Vault(withVaultFaults(db, (slot) => (slot === 'copy' ? { fail: 'worker stopped' } : null)), { kdf: FAST_KDF });
    const vaultKey = await crashing.create(PASSWORD);
    const reopened = new Vault(db, { kdf: FAST_KDF });
    expect(await reopened.health()).toEqual({ state: 'ok', copyIntact: false });
    expect((await reopened.unlock(PASSWORD)).vaultKey).toEqual(vaultKey);
    await new SeedManager(reopened).create(vaultKey, 'First');
    expect(await reopened.health()).toEqual({ state: 'ok', copyIntact: true });
  });
});
