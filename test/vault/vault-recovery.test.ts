import { describe, expect, it } from 'vitest';
import { getEntity } from '../../src/background/storage';
import { readVaultRecord, SeedManager, type StoredVaultRecord } from '../../src/background/vault';
import { createdVault, errorOf, PASSWORD, rawSlots, sampleEntity, storeIdentity } from './helpers';

const DID = 'did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3';

/** Flips one base64 character of the payload ciphertext: still well-formed, no longer intact. */
function flipPayloadByte(record: StoredVaultRecord): StoredVaultRecord {
  const ct = record.payload.ct;
  const flipped = (ct[4] === 'A' ? 'B' : 'A') + '';
  return { ...record, payload: { ...record.payload, ct: ct.slice(0, 4) + flipped + ct.slice(5) } };
}

describe('vault recovery', () => {
  it('detects a damaged primary without a password and reports recovered from the copy', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const { primary } = await rawSlots(db);
    await db.put('vault', flipPayloadByte(primary as StoredVaultRecord), 'primary');
    expect(readVaultRecord((await rawSlots(db)).primary)).toMatchObject({ state: 'damaged', reason: 'integrity check failed' });
    expect(await vault.health()).toEqual({ state: 'recovered', reason: 'integrity check failed' });

    const unlocked = await vault.unlock(PASSWORD);
    expect(unlocked).toMatchObject({ recovered: true, upgraded: false });
    expect(unlocked.vaultKey).toEqual(vaultKey);

    await vault.restoreCopyAsPrimary();
    expect(await vault.health()).toEqual({ state: 'ok', copyIntact: true });
    const slots = await rawSlots(db);
    expect(slots.primary).toEqual(slots.copy);
  });

  it('recovers from a primary that is garbage or missing', async () => {
    const { db, vault } = await createdVault();
    await db.put('vault', 'garbage', 'primary');
    expect((await vault.health()).state).toBe('recovered');
    await db.delete('vault', 'primary');
    expect(await vault.health()).toEqual({ state: 'recovered', reason: 'missing' });
    expect((await vault.unlock(PASSWORD)).recovered).toBe(true);
  });

  it('a wrong password on an intact record is WRONG_PASSWORD, not damage', async () => {
    const { db, vault } = await createdVault();
    await db.put('vault', 'garbage', 'primary');
    expect((await errorOf(vault.unlock('not the password'))).code).toBe('WRONG_PASSWORD');
  });

  it('reports a damaged copy while the primary is intact', async () => {
    const { db, vault, vaultKey } = await createdVault();
    await db.put('vault', { format: 'sigil-vault' }, 'copy');
    expect(await vault.health()).toEqual({ state: 'ok', copyIntact: false });
    // The next write puts an intact copy back.
    await new SeedManager(vault).create(vaultKey);
    expect(await vault.health()).toEqual({ state: 'ok', copyIntact: true });
  });

  it('both records damaged: a clear error, and nothing is written', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const { primary } = await rawSlots(db);
    const damaged = flipPayloadByte(primary as StoredVaultRecord);
    await db.put('vault', damaged, 'primary');
    await db.put('vault', { ...damaged, counter: -1 }, 'copy');
    expect(await vault.health()).toEqual({ state: 'damaged' });
    const error = await errorOf(vault.unlock(PASSWORD));
    expect(error.code).toBe('VAULT_DAMAGED');
    expect(error.message).toBe(
      'The wallet data is damaged and no intact copy was found. Restore the wallet from a backup file.',
    );
    expect((await errorOf(vault.read(vaultKey))).code).toBe('VAULT_DAMAGED');
    expect((await errorOf(vault.create('another password'))).code).toBe('VAULT_EXISTS');
  });

  it('a write that throws midway leaves the previous vault readable and the public state unchanged', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const seeds = new SeedManager(vault);
    const { seed } = await seeds.create(vaultKey, 'Main');
    const before = await rawSlots(db);

    const error = await errorOf(
      vault.update(vaultKey, (secrets) => ({
        secrets: { ...secrets, seeds: [] },
        result: undefined,
        publicWrites: {
          stores: ['entities'],
          async write(tx) {
            await tx.objectStore('entities').put(sampleEntity(DID));
            throw new Error('power cut');
          },
        },
      })),
    );
    expect(error.message).toBe('power cut');
    expect(await rawSlots(db)).toEqual(before);
    expect(await getEntity(db, DID)).toBeUndefined();
    expect((await seeds.list(vaultKey)).seeds.map((s) => s.id)).toEqual([seed.id]);
    expect((await vault.unlock(PASSWORD)).vaultKey).toEqual(vaultKey);
  });

  it('an aborted transaction (failed request) leaves the previous vault readable', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const seeds = new SeedManager(vault);
    const { seed } = await seeds.create(vaultKey, 'Main');
    const before = await rawSlots(db);
    await db.put('entities', sampleEntity(DID));

    // `add` of an existing key fails, which aborts the whole transaction (vault slots included).
    const error = await errorOf(
      vault.update(vaultKey, (secrets) => ({
        secrets: { ...secrets, seeds: [] },
        result: undefined,
        publicWrites: { stores: ['entities'], write: (tx) => tx.objectStore('entities').add(sampleEntity(DID)).then(() => undefined) },
      })),
    );
    expect(error).toBeDefined();
    expect(await rawSlots(db)).toEqual(before);
    expect((await seeds.list(vaultKey)).seeds.map((s) => s.id)).toEqual([seed.id]);
  });

  it('writes a new identity atomically: secret reference and public row together', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const { seed } = await new SeedManager(vault).create(vaultKey, 'Main');
    await storeIdentity(vault, vaultKey, { entityId: DID, seedId: seed.id, kind: 'user', keyName: 'alice' }, sampleEntity(DID));
    expect(await getEntity(db, DID)).toMatchObject({ did: DID, label: 'Alice' });
    expect((await vault.read(vaultKey)).entities).toEqual([
      { entityId: DID, seedId: seed.id, kind: 'user', keyName: 'alice', format: 'sigil' },
    ]);

    // A second identity with the same DID fails as a whole: no second reference either.
    const before = await rawSlots(db);
    const error = await errorOf(
      storeIdentity(vault, vaultKey, { entityId: DID, seedId: seed.id, kind: 'user', keyName: 'bob' }, sampleEntity(DID)),
    );
    expect(error.code).toBe('ENTITY_EXISTS');
    expect(await rawSlots(db)).toEqual(before);
  });

  it('refuses an invalid key name without writing', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const { seed } = await new SeedManager(vault).create(vaultKey, 'Main');
    const before = await rawSlots(db);
    const error = await errorOf(
      storeIdentity(vault, vaultKey, { entityId: DID, seedId: seed.id, kind: 'user', keyName: 'a/b' }, sampleEntity(DID)),
    );
    expect(error).toMatchObject({ code: 'INVALID_KEY_NAME', message: 'Key name must not contain "/".' });
    expect(await rawSlots(db)).toEqual(before);
    expect(await getEntity(db, DID)).toBeUndefined();
  });
});
