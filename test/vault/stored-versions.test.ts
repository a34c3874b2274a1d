import { describe, expect, it } from 'vitest';
import {
  encodeVaultRecord,
  readVaultRecord,
  SeedManager,
  Vault,
  vaultStateOf,
  VAULT_VERSION,
  type StoredVaultRecord,
  type VaultRecord,
} from '../../src/background/vault';
import { open, seal } from '../../src/background/vault/aead';
import { payloadAad } from '../../src/background/vault/record';
import { serializeSecrets, SECRETS_VERSION } from '../../src/background/vault/secrets';
import { createdVault, errorOf, FAST_KDF, PASSWORD, rawSlots, sampleEntity, storeIdentity } from './helpers';
import type { SigilDatabase } from '../../src/background/storage';

const DID = 'did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3';

function intact(raw: unknown): VaultRecord {
  const reading = readVaultRecord(raw);
  if (reading.state !== 'intact') throw new Error(`expected an intact record, got ${reading.state}`);
  return reading.record;
}

/** The payload's plaintext as JSON (what is inside the encryption). */
async function payloadOf(raw: unknown, vaultKey: Uint8Array): Promise<Record<string, unknown>> {
  const record = intact(raw);
  const plain = await open(vaultKey, record.payload, payloadAad(record.vaultId, record.counter));
  return JSON.parse(new TextDecoder().decode(plain!)) as Record<string, unknown>;
}

/** Replaces the secrets payload of both slots with `wire`, encrypted as the vault does (counter + 1). */
async function storePayload(db: SigilDatabase, vaultKey: Uint8Array, wire: unknown): Promise<void> {
  const record = intact((await rawSlots(db)).primary);
  const counter = record.counter + 1;
  const payload = await seal(vaultKey, new TextEncoder().encode(JSON.stringify(wire)), payloadAad(record.vaultId, counter));
  const stored = encodeVaultRecord({ ...record, payload, counter });
  await db.put('vault', stored, 'primary');
  await db.put('vault', stored, 'copy');
}

/** The wallet's current secrets written as a version-1 payload (no seed method or password, no entity format). */
async function asVersion1(db: SigilDatabase, vaultKey: Uint8Array, vault: Awaited<ReturnType<typeof createdVault>>['vault']) {
  const wire = JSON.parse(new TextDecoder().decode(serializeSecrets(await vault.read(vaultKey)))) as Record<string, any>;
  wire.version = 1;
  for (const seed of wire.seeds) {
    delete seed.method;
    delete seed.password;
  }
  for (const entity of wire.entities) delete entity.format;
  await storePayload(db, vaultKey, wire);
}

async function walletWithIdentity() {
  const context = await createdVault();
  const { seed } = await new SeedManager(context.vault).create(context.vaultKey, 'Main');
  await storeIdentity(context.vault, context.vaultKey, { entityId: DID, seedId: seed.id, kind: 'user', keyName: 'alice' }, sampleEntity(DID));
  return { ...context, seedId: seed.id };
}

describe('secrets payload upgrade at unlock', () => {
  it('unlocking a version-1 payload migrates it and writes it back as version 2 in both slots', async () => {
    const { db, vault, vaultKey, seedId } = await walletWithIdentity();
    await asVersion1(db, vaultKey, vault);
    expect(await payloadOf((await rawSlots(db)).primary, vaultKey)).toMatchObject({ version: 1 });

    const unlocked = await vault.unlock(PASSWORD);
    expect(unlocked).toMatchObject({ migrated: true, upgraded: false, recovered: false });
    const slots = await rawSlots(db);
    expect(slots.copy).toEqual(slots.primary);
    const payload = await payloadOf(slots.primary, vaultKey);
    expect(payload.version).toBe(SECRETS_VERSION);
    expect(payload.seeds).toEqual([expect.objectContaining({ id: seedId, method: 'bip39', password: '' })]);
    expect(payload.entities).toEqual([{ entityId: DID, seedId, kind: 'user', keyName: 'alice', format: 'sigil' }]);

    // Once written back, a second unlock has nothing to migrate.
    expect((await vault.unlock(PASSWORD)).migrated).toBe(false);
  });

  it('reads a version-1 payload with the session key before any unlock rewrote it', async () => {
    const { db, vault, vaultKey, seedId } = await walletWithIdentity();
    await asVersion1(db, vaultKey, vault);
    const secrets = await vault.read(vaultKey);
    expect(secrets.seeds[0]).toMatchObject({ id: seedId, method: 'bip39', password: '' });
    expect(secrets.entities[0]).toMatchObject({ entityId: DID, format: 'sigil' });
  });

  it('does not write while recovering from the copy (the recovery screen decides)', async () => {
    const { db, vault, vaultKey } = await walletWithIdentity();
    await asVersion1(db, vaultKey, vault);
    await db.put('vault', 'garbage', 'primary');
    const before = await rawSlots(db);
    expect(await vault.unlock(PASSWORD)).toMatchObject({ recovered: true, migrated: false });
    expect(await rawSlots(db)).toEqual(before);
  });

  it('a payload written by a newer Sigil is refused as such, and nothing is written', async () => {
    const { db, vault, vaultKey } = await walletWithIdentity();
    const wire = JSON.parse(new TextDecoder().decode(serializeSecrets(await vault.read(vaultKey)))) as Record<string, unknown>;
    await storePayload(db, vaultKey, { ...wire, version: SECRETS_VERSION + 1, passkeys: [] });
    const before = await rawSlots(db);
    const tooNew = { code: 'VAULT_TOO_NEW', message: 'The wallet data was written by a newer version of Sigil. Update Sigil to open it.' };
    expect(await errorOf(vault.unlock(PASSWORD))).toMatchObject(tooNew);
    expect(await errorOf(vault.read(vaultKey))).toMatchObject(tooNew);
    expect(await errorOf(new SeedManager(vault).create(vaultKey))).toMatchObject(tooNew);
    expect(await rawSlots(db)).toEqual(before);
  });
});

describe('vault record versions', () => {
  const newerRecord = (stored: StoredVaultRecord) => ({ ...stored, version: VAULT_VERSION + 1, hardwareKey: 'abc' });

  it('a record written by a newer Sigil is "too new", not damaged, and is never overwritten', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const { primary } = await rawSlots(db);
    await db.put('vault', newerRecord(primary as StoredVaultRecord), 'primary');
    await db.put('vault', newerRecord(primary as StoredVaultRecord), 'copy');
    const before = await rawSlots(db);

    expect(readVaultRecord(before.primary)).toEqual({ state: 'newer', version: VAULT_VERSION + 1 });
    expect(await vault.health()).toEqual({ state: 'too-new' });
    expect(vaultStateOf(await vault.health(), false)).toEqual({
      vault: 'damaged',
      problem: 'The wallet data was written by a newer version of Sigil. Update Sigil to open it.',
    });
    expect((await errorOf(vault.unlock(PASSWORD))).code).toBe('VAULT_TOO_NEW');
    expect((await errorOf(vault.read(vaultKey))).code).toBe('VAULT_TOO_NEW');
    expect((await errorOf(vault.changePassword(PASSWORD, 'another password'))).code).toBe('VAULT_TOO_NEW');
    expect((await errorOf(vault.restoreCopyAsPrimary())).code).toBe('VAULT_TOO_NEW');
    expect((await errorOf(vault.create(PASSWORD))).code).toBe('VAULT_EXISTS');
    expect(await rawSlots(db)).toEqual(before);
  });

  it('a newer primary is not bypassed by falling back to an older copy', async () => {
    const { db, vault } = await createdVault();
    const { primary } = await rawSlots(db);
    await db.put('vault', newerRecord(primary as StoredVaultRecord), 'primary');
    expect(await vault.health()).toEqual({ state: 'too-new' });
    expect((await errorOf(vault.unlock(PASSWORD))).code).toBe('VAULT_TOO_NEW');
  });

  it('a damaged primary with a newer copy is "too new" too', async () => {
    const { db, vault } = await createdVault();
    const { primary } = await rawSlots(db);
    await db.put('vault', newerRecord(primary as StoredVaultRecord), 'copy');
    await db.put('vault', { format: 'sigil-vault', version: 1 }, 'primary');
    expect(await vault.health()).toEqual({ state: 'too-new' });
  });

  it('damaged stays damaged: a version that is not a positive whole number, or a changed field', async () => {
    const { db } = await createdVault();
    const stored = (await rawSlots(db)).primary as StoredVaultRecord;
    for (const version of [0, -1, 1.5, '1', null])
      expect(readVaultRecord({ ...stored, version })).toEqual({ state: 'damaged', reason: 'unsupported version' });
    expect(readVaultRecord({ ...stored, counter: stored.counter + 1 })).toEqual({ state: 'damaged', reason: 'integrity check failed' });
    expect(readVaultRecord({ ...stored, extra: 1 })).toEqual({ state: 'damaged', reason: 'unexpected shape' });
  });
});

describe('secrets version 2: what IOTICS identities need, stored and read back', () => {
  it('a legacy-method seed with a password and an IOTICS-format identity survive a write and a fresh unlock', async () => {
    const { addEntityRef, addSeed } = await import('../../src/background/vault');
    const { db, vault, vaultKey } = await createdVault();
    const legacySeed = Uint8Array.from({ length: 40 }, (_, i) => i);
    const seedId = await vault.update(vaultKey, (secrets) => {
      const added = addSeed(secrets, { entropy: legacySeed, origin: 'hex', method: 'none', password: 'seed password', now: 5 });
      const withIdentity = addEntityRef(added.secrets, {
        entityId: 'did:iotics:iotExample',
        seedId: added.seed.id,
        kind: 'user',
        keyName: 'alice/with a slash',
        format: 'iotics',
      });
      return { secrets: withIdentity, result: added.seed.id };
    });

    const reopened = new Vault(db, { kdf: FAST_KDF });
    const { vaultKey: key } = await reopened.unlock(PASSWORD);
    const secrets = await reopened.read(key);
    expect(secrets.seeds).toEqual([
      { id: seedId, label: 'Seed 1', entropy: legacySeed, createdAt: 5, origin: 'hex', method: 'none', password: 'seed password' },
    ]);
    expect(secrets.entities).toEqual([
      { entityId: 'did:iotics:iotExample', seedId, kind: 'user', keyName: 'alice/with a slash', format: 'iotics' },
    ]);
  });

  it('refuses seed sizes that do not fit the method, and the same seed twice', async () => {
    const { addSeed, emptySecrets } = await import('../../src/background/vault');
    const add = (length: number, method: 'bip39' | 'none', password = '') =>
      errorOf(() => addSeed(emptySecrets(), { entropy: new Uint8Array(length).fill(1), origin: 'hex', method, password, now: 1 }));
    expect(await add(18, 'bip39')).toMatchObject({ code: 'INVALID_HEX_SEED', message: 'A BIP39 seed is 16, 20, 24, 28 or 32 bytes.' });
    expect(await add(15, 'none')).toMatchObject({ code: 'INVALID_HEX_SEED', message: 'A seed is 16 to 64 bytes.' });
    expect(await add(65, 'none')).toMatchObject({ code: 'INVALID_HEX_SEED', message: 'A seed is 16 to 64 bytes.' });
    expect((await add(16, 'none', 'x'.repeat(257))).code).toBe('INVALID_HEX_SEED');
    for (const length of [16, 20, 24, 28, 32])
      expect(addSeed(emptySecrets(), { entropy: new Uint8Array(length), origin: 'hex', now: 1 }).seed.method).toBe('bip39');

    const once = addSeed(emptySecrets(), { entropy: new Uint8Array(32).fill(2), origin: 'hex', now: 1 }).secrets;
    expect(() => addSeed(once, { entropy: new Uint8Array(32).fill(2), origin: 'mnemonic', now: 2 })).toThrow('This seed is already in the wallet.');
    // The same bytes under another method or password derive other keys: a different seed.
    expect(addSeed(once, { entropy: new Uint8Array(32).fill(2), origin: 'hex', method: 'none', now: 2 }).secrets.seeds).toHaveLength(2);
  });
});
