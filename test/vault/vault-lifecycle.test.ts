import { describe, expect, it } from 'vitest';
import {
  addSeed,
  DEFAULT_KDF_PARAMS,
  emptySecrets,
  readVaultRecord,
  SeedManager,
  Vault,
  type StoredVaultRecord,
} from '../../src/background/vault';
import { createdVault, errorOf, FAST_KDF, newVault, PASSWORD, rawSlots } from './helpers';

const stored = (value: unknown) => value as StoredVaultRecord;

describe('vault lifecycle', () => {
  it('creates a vault, unlocks it with the password and returns the same 32-byte key', async () => {
    const { vault, vaultKey } = await createdVault();
    expect(vaultKey).toHaveLength(32);
    expect(await vault.health()).toEqual({ state: 'ok', copyIntact: true });
    const unlocked = await vault.unlock(PASSWORD);
    expect(unlocked.vaultKey).toEqual(vaultKey);
    expect(unlocked).toMatchObject({ upgraded: false, recovered: false });
    expect(await vault.read(unlocked.vaultKey)).toEqual({ seeds: [], importedKeys: [], entities: [], generatedKeys: [] });
  });

  it('writes the versioned record format to both slots', async () => {
    const { db } = await createdVault();
    const { primary, copy } = await rawSlots(db);
    expect(copy).toEqual(primary);
    const record = stored(primary);
    expect(record).toMatchObject({ format: 'sigil-vault', version: 1, counter: 1 });
    expect(record.kdf).toMatchObject({ alg: 'argon2id', m: FAST_KDF.m, t: FAST_KDF.t, p: 1 });
    expect(atob(record.kdf.salt)).toHaveLength(16);
    expect(atob(record.wrapped.iv)).toHaveLength(12);
    expect(atob(record.payload.iv)).toHaveLength(12);
  });

  it('reports an empty database and refuses unlock before setup', async () => {
    const { vault } = await newVault();
    expect(await vault.health()).toEqual({ state: 'empty' });
    expect((await errorOf(vault.unlock(PASSWORD))).code).toBe('NO_VAULT');
  });

  it('refuses to create over an existing vault unless told to replace it', async () => {
    const { vault } = await createdVault();
    expect((await errorOf(vault.create('another password'))).code).toBe('VAULT_EXISTS');
    const newKey = await vault.create('another password', { replaceExisting: true });
    expect((await vault.unlock('another password')).vaultKey).toEqual(newKey);
  });

  it('creates a vault that already holds its first seed, in one write', async () => {
    const { db, vault } = await newVault();
    const first = addSeed(emptySecrets(), { entropy: new Uint8Array(32).fill(7), origin: 'created', label: 'Main', now: 1 });
    const vaultKey = await vault.create(PASSWORD, { secrets: first.secrets });
    expect((await vault.read(vaultKey)).seeds.map((s) => [s.label, s.origin])).toEqual([['Main', 'created']]);
    expect(stored((await rawSlots(db)).primary).counter).toBe(1);
  });

  it('refuses a short new password', async () => {
    const { vault } = await newVault();
    const error = await errorOf(vault.create('short'));
    expect(error).toMatchObject({ code: 'WEAK_PASSWORD', message: 'The password must be at least 8 characters.' });
  });

  it('wrong password: a typed error with a clear message, and nothing is written', async () => {
    const { db, vault } = await createdVault();
    const before = await rawSlots(db);
    const error = await errorOf(vault.unlock('not the password'));
    expect(error).toMatchObject({ code: 'WRONG_PASSWORD', message: 'Wrong password.' });
    expect(await rawSlots(db)).toEqual(before);
  });

  it('wrong password never upgrades or rewrites, even when the KDF is weaker than the target', async () => {
    const { db } = await createdVault();
    const before = await rawSlots(db);
    const stronger = new Vault(db, { kdf: { m: 128, t: 2, p: 1 } });
    expect((await errorOf(stronger.unlock('not the password'))).code).toBe('WRONG_PASSWORD');
    expect(await rawSlots(db)).toEqual(before);
  });

  it('password change re-wraps only the vault key: the payload ciphertext is unchanged', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const before = stored((await rawSlots(db)).primary);
    await vault.changePassword(PASSWORD, 'a brand new password');
    const after = stored((await rawSlots(db)).primary);
    expect(after.payload).toEqual(before.payload);
    expect(after.counter).toBe(before.counter);
    expect(after.vaultId).toBe(before.vaultId);
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.wrapped.ct).not.toBe(before.wrapped.ct);
    expect((await rawSlots(db)).copy).toEqual(after);
    expect((await errorOf(vault.unlock(PASSWORD))).code).toBe('WRONG_PASSWORD');
    expect((await vault.unlock('a brand new password')).vaultKey).toEqual(vaultKey);
  });

  it('password change with a wrong current password changes nothing', async () => {
    const { db, vault } = await createdVault();
    const before = await rawSlots(db);
    expect((await errorOf(vault.changePassword('wrong password!', 'a brand new password'))).code).toBe('WRONG_PASSWORD');
    expect(await rawSlots(db)).toEqual(before);
  });

  it('refuses a new password equal to the current one and changes nothing', async () => {
    const { db, vault } = await createdVault();
    const before = await rawSlots(db);
    expect(await errorOf(vault.changePassword(PASSWORD, PASSWORD))).toMatchObject({
      code: 'WEAK_PASSWORD',
      message: 'The new password must be different from the current one.',
    });
    expect(await rawSlots(db)).toEqual(before);
  });

  it('upgrades weaker stored KDF parameters on unlock, keeping the payload and the key', async () => {
    const { db, vaultKey } = await createdVault();
    const before = stored((await rawSlots(db)).primary);
    const target = { m: 256, t: 2, p: 1 } as const;
    const upgrading = new Vault(db, { kdf: target });
    const result = await upgrading.unlock(PASSWORD);
    expect(result.upgraded).toBe(true);
    expect(result.vaultKey).toEqual(vaultKey);
    const after = stored((await rawSlots(db)).primary);
    expect(after.kdf).toMatchObject({ m: 256, t: 2, p: 1 });
    expect(after.payload).toEqual(before.payload);
    expect((await rawSlots(db)).copy).toEqual(after);
    // Already at the target: no second upgrade. A vault with a weaker target never downgrades.
    expect((await upgrading.unlock(PASSWORD)).upgraded).toBe(false);
    expect((await new Vault(db, { kdf: FAST_KDF }).unlock(PASSWORD)).upgraded).toBe(false);
    expect(stored((await rawSlots(db)).primary).kdf).toMatchObject({ m: 256, t: 2 });
  });

  it('upgrades each axis without lowering the other', async () => {
    const { db } = await createdVault({ kdf: { m: 512, t: 1, p: 1 } });
    await new Vault(db, { kdf: { m: 128, t: 2, p: 1 } }).unlock(PASSWORD);
    expect(stored((await rawSlots(db)).primary).kdf).toMatchObject({ m: 512, t: 2 });
  });

  it('uses a fresh IV and a higher counter for every payload write', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const seeds = new SeedManager(vault);
    const ivs = new Set<string>([stored((await rawSlots(db)).primary).payload.iv]);
    for (let i = 0; i < 5; i++) {
      await seeds.add(vaultKey, new Uint8Array(16).fill(i + 1), 'hex', `Seed ${i}`);
      ivs.add(stored((await rawSlots(db)).primary).payload.iv);
    }
    await seeds.importIdsecKey(vaultKey, new Uint8Array(32).fill(9), 'Key');
    ivs.add(stored((await rawSlots(db)).primary).payload.iv);
    expect(ivs.size).toBe(7);
    expect(stored((await rawSlots(db)).primary).counter).toBe(7);
  });

  it('refuses a vault key that does not open this vault', async () => {
    const { vault } = await createdVault();
    const wrongKey = new Uint8Array(32).fill(7);
    expect((await errorOf(vault.read(wrongKey))).code).toBe('VAULT_KEY_REJECTED');
    expect((await errorOf(new SeedManager(vault).create(wrongKey))).code).toBe('VAULT_KEY_REJECTED');
  });

  it('binds the payload to its counter: a payload moved to another counter does not open', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const record = readVaultRecord((await rawSlots(db)).primary);
    if (record.state !== 'intact') throw new Error('expected an intact record');
    const { encodeVaultRecord } = await import('../../src/background/vault');
    const shifted = encodeVaultRecord({ ...record.record, counter: record.record.counter + 1 });
    await db.put('vault', shifted, 'primary');
    await db.put('vault', shifted, 'copy');
    expect((await errorOf(vault.read(vaultKey))).code).toBe('VAULT_KEY_REJECTED');
    expect((await errorOf(vault.unlock(PASSWORD))).code).toBe('VAULT_DAMAGED');
  });

  it('serialises concurrent writes from one worker and detects writes from another context', async () => {
    const { db, vault, vaultKey } = await createdVault();
    const seeds = new SeedManager(vault);
    await Promise.all([
      seeds.add(vaultKey, new Uint8Array(16).fill(0x11), 'hex'),
      seeds.add(vaultKey, new Uint8Array(16).fill(0x22), 'hex'),
      seeds.add(vaultKey, new Uint8Array(16).fill(0x33), 'hex'),
    ]);
    expect((await seeds.list(vaultKey)).seeds).toHaveLength(3);

    // Another context (own Vault instance) writes between this one's read and its transaction.
    const other = new Vault(db, { kdf: FAST_KDF });
    const error = await errorOf(
      vault.update(vaultKey, async (secrets) => {
        await new SeedManager(other).add(vaultKey, new Uint8Array(16).fill(0x44), 'hex');
        return { secrets, result: undefined };
      }),
    );
    expect(error.code).toBe('CONCURRENT_WRITE');
    expect((await seeds.list(vaultKey)).seeds).toHaveLength(4);
  });

  it('uses Argon2id m = 64 MiB, t = 3, p = 1 by default, and unlocks with it', async () => {
    const { db, vault } = await newVault({ kdf: undefined });
    expect(vault.kdf).toEqual(DEFAULT_KDF_PARAMS);
    const vaultKey = await vault.create(PASSWORD);
    expect(stored((await rawSlots(db)).primary).kdf).toMatchObject({ alg: 'argon2id', m: 65536, t: 3, p: 1 });
    const unlocked = await vault.unlock(PASSWORD);
    expect(unlocked.vaultKey).toEqual(vaultKey);
    expect(unlocked.upgraded).toBe(false);
    expect((await errorOf(vault.unlock('not the password'))).code).toBe('WRONG_PASSWORD');
  });
});
