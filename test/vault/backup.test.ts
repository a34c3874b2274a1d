import { beforeAll, describe, expect, it } from 'vitest';
import {
  getAllSettings,
  listEntities,
  listPermissions,
  putPermission,
  putSetting,
} from '../../src/background/storage';
import {
  exportBackup,
  importBackup,
  MAX_BACKUP_FILE_BYTES,
  parseBackup,
  SeedManager,
  type BackupFile,
} from '../../src/background/vault';
import { readBackupContents } from '../../src/background/vault/backup';
import { createdVault, errorOf, newVault, PASSWORD, sampleEntity, samplePending, storeIdentity } from './helpers';

const DID = 'did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3';
const SEED_LABEL = 'Treasury-Label-XYZ';
const KEY_NAME = 'secret-key-name-42';
const ENTITY_LABEL = 'Entity-Label-QRS';
const ORIGIN = 'https://dapp.example';
const RESOLVER = 'https://resolver.example';

async function populatedWallet() {
  const context = await createdVault();
  const { db, vault, vaultKey } = context;
  const seeds = new SeedManager(vault);
  const { seed } = await seeds.create(vaultKey, SEED_LABEL);
  await seeds.importIdsecKey(vaultKey, new Uint8Array(32).fill(4), 'Imported-Key-Label');
  await storeIdentity(vault, vaultKey, { entityId: DID, seedId: seed.id, kind: 'user', keyName: KEY_NAME }, sampleEntity(DID, ENTITY_LABEL));
  await putPermission(db, {
    origin: ORIGIN,
    sharedDids: [DID],
    connectedAt: 5,
    authTokenGrants: [{ user: DID, agent: DID, grantedAt: 5, expiresAt: 65 }],
  });
  await putPermission(db, { origin: 'https://refused.example', sharedDids: [], connectedAt: 7, authTokenGrants: [], rejected: true });
  await putSetting(db, 'resolverUrl', RESOLVER);
  await putSetting(db, 'autoLock', 30);
  await db.add('pending', samplePending('req-1', ORIGIN, 6));
  return context;
}

const fileWith = (text: string, change: (file: Record<string, unknown>) => void): string => {
  const file = JSON.parse(text) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file);
};

describe('backup export', () => {
  it('writes a versioned file with nothing readable in clear', async () => {
    const { vault } = await populatedWallet();
    const text = await exportBackup(vault, PASSWORD);
    const file = JSON.parse(text) as BackupFile;
    expect(Object.keys(file)).toEqual(['format', 'version', 'kdf', 'iv', 'ct']);
    expect(file).toMatchObject({ format: 'sigil-backup', version: 2, kdf: { alg: 'argon2id', m: 64, t: 1, p: 1 } });
    for (const clear of [SEED_LABEL, 'Imported-Key-Label', KEY_NAME, ENTITY_LABEL, DID, 'iotLZQs33', ORIGIN, 'dapp', RESOLVER, 'sigil_connect'])
      expect(text).not.toContain(clear);
    expect(text).not.toMatch(/seeds|entities|permissions|settings|label/i);
  });

  it('pads the contents so the size does not count what is inside', async () => {
    const { vault } = await createdVault();
    const empty = parseBackup(await exportBackup(vault, PASSWORD));
    const { vault: fuller } = await populatedWallet();
    const full = parseBackup(await exportBackup(fuller, PASSWORD));
    expect(empty.box.ct.length).toBe(4096 + 16);
    expect(full.box.ct.length).toBe(empty.box.ct.length);
  });

  it('needs the vault password', async () => {
    const { vault } = await createdVault();
    expect((await errorOf(exportBackup(vault, 'not the password'))).code).toBe('WRONG_PASSWORD');
  });
});

describe('backup import', () => {
  it('round-trips everything but pending requests into a fresh database', async () => {
    const source = await populatedWallet();
    const text = await exportBackup(source.vault, PASSWORD);

    const target = await newVault();
    const result = await importBackup(target.vault, text, PASSWORD);
    expect(result).toMatchObject({ seedCount: 1, entityCount: 1 });
    expect(await target.vault.read(result.vaultKey)).toEqual(await source.vault.read(source.vaultKey));
    expect((await target.vault.unlock(PASSWORD)).vaultKey).toEqual(result.vaultKey);
    expect(await listEntities(target.db)).toEqual(await listEntities(source.db));
    expect(await listPermissions(target.db)).toEqual(await listPermissions(source.db));
    expect(await getAllSettings(target.db)).toEqual({ autoLock: 30, resolverUrl: RESOLVER });
    expect(await target.db.getAll('pending')).toEqual([]);
    expect(await target.vault.health()).toEqual({ state: 'ok', copyIntact: true });
  });

  it('uses a separate backup password and a new vault password when given', async () => {
    const source = await populatedWallet();
    const text = await exportBackup(source.vault, PASSWORD, { backupPassword: 'backup password 1' });
    const target = await newVault();
    expect((await errorOf(importBackup(target.vault, text, PASSWORD))).code).toBe('BACKUP_DECRYPT_FAILED');
    await importBackup(target.vault, text, 'backup password 1', { vaultPassword: 'new vault password' });
    expect((await target.vault.unlock('new vault password')).vaultKey).toHaveLength(32);
  });

  it('refuses to replace an existing wallet unless told to, then replaces it whole', async () => {
    const source = await populatedWallet();
    const text = await exportBackup(source.vault, PASSWORD);
    const target = await createdVault();
    await target.db.add('pending', samplePending('old', 'https://old.example', 1));
    // A remembered answer of the replaced wallet must not answer a request made against the new one.
    await target.db.put('requestResults', { key: 'ui old-request', result: { did: 'did:iotics:iotOld' }, completedAt: 1 });
    expect(await errorOf(importBackup(target.vault, text, PASSWORD))).toMatchObject({ code: 'VAULT_EXISTS' });
    const { vaultKey } = await importBackup(target.vault, text, PASSWORD, { replaceExisting: true });
    expect(await target.db.getAll('requestResults')).toEqual([]);
    expect((await target.vault.read(vaultKey)).seeds.map((s) => s.label)).toEqual([SEED_LABEL]);
    expect((await errorOf(target.vault.read(target.vaultKey))).code).toBe('VAULT_KEY_REJECTED');
    expect(await target.db.getAll('pending')).toEqual([]);
  });

  it('a bad tag or a wrong password: one clear message, nothing written', async () => {
    const { vault } = await createdVault();
    const text = await exportBackup(vault, PASSWORD);
    const tampered = fileWith(text, (file) => {
      const ct = file.ct as string;
      file.ct = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
    });
    const target = await newVault();
    for (const [file, password] of [
      [tampered, PASSWORD],
      [text, 'not the password'],
    ] as const) {
      expect(await errorOf(importBackup(target.vault, file, password))).toMatchObject({
        code: 'BACKUP_DECRYPT_FAILED',
        message: 'The backup file is damaged or the password is wrong.',
      });
    }
    // Changed KDF parameters also break the tag (they are bound as AAD / change the key).
    const otherSalt = fileWith(text, (file) => {
      (file.kdf as Record<string, unknown>).salt = btoa('0123456789abcdef');
    });
    expect((await errorOf(importBackup(target.vault, otherSalt, PASSWORD))).code).toBe('BACKUP_DECRYPT_FAILED');
    expect(await target.vault.health()).toEqual({ state: 'empty' });
  });
});

describe('parseBackup refuses before any key derivation', () => {
  let valid = '';
  beforeAll(async () => {
    const { vault } = await createdVault();
    valid = await exportBackup(vault, PASSWORD);
  });
  const refusal = (contents: string | Uint8Array) => {
    try {
      parseBackup(contents);
    } catch (error) {
      return error as { code: string; message: string };
    }
    throw new Error('expected a refusal');
  };

  it('accepts a valid file', () => {
    const parsed = parseBackup(valid);
    expect(parsed.kdf).toMatchObject({ alg: 'argon2id', m: 64, t: 1, p: 1 });
    expect(parsed.kdf.salt).toHaveLength(16);
    expect(parsed.box.iv).toHaveLength(12);
    expect(parseBackup(new TextEncoder().encode(valid)).box.ct).toEqual(parsed.box.ct);
  });

  it('refuses extreme or unsupported KDF parameters', () => {
    const withKdf = (change: Record<string, unknown>) =>
      fileWith(valid, (file) => Object.assign(file.kdf as Record<string, unknown>, change));
    expect(refusal(withKdf({ m: 4 * 1024 * 1024 }))).toMatchObject({
      code: 'BACKUP_KDF_REFUSED',
      message: "The backup file's key-derivation settings are refused: The key-derivation memory must be between 8 KiB and 256 MiB.",
    });
    expect(refusal(withKdf({ m: 256 * 1024 + 1 })).code).toBe('BACKUP_KDF_REFUSED');
    expect(refusal(withKdf({ t: 11 })).message).toContain('passes must be between 1 and 10');
    expect(refusal(withKdf({ t: 0 })).code).toBe('BACKUP_KDF_REFUSED');
    expect(refusal(withKdf({ p: 4 })).message).toContain('parallelism must be 1');
    expect(refusal(withKdf({ m: 1.5 })).code).toBe('BACKUP_KDF_REFUSED');
    expect(refusal(withKdf({ m: '65536' })).code).toBe('BACKUP_KDF_REFUSED');
    expect(refusal(withKdf({ alg: 'scrypt' })).message).toContain('not Argon2id');
    expect(refusal(withKdf({ salt: btoa('short salt') })).message).toContain('salt must be 16 bytes');
    expect(refusal(withKdf({ extra: 1 })).code).toBe('BACKUP_KDF_REFUSED');
  });

  it('refuses wrong sizes and malformed base64', () => {
    expect(refusal(fileWith(valid, (f) => void (f.iv = btoa('0123456789abcdef')))).message).toBe(
      'This is not a valid Sigil backup file (the IV must be 12 bytes).',
    );
    expect(refusal(fileWith(valid, (f) => void (f.iv = 'not base64!'))).code).toBe('BACKUP_INVALID');
    expect(refusal(fileWith(valid, (f) => void (f.ct = (f.ct as string).slice(0, 400)))).message).toBe(
      'This is not a valid Sigil backup file (the ciphertext has a wrong size).',
    );
    expect(refusal(fileWith(valid, (f) => void (f.ct = `${f.ct as string}x`))).message).toBe(
      'This is not a valid Sigil backup file (the ciphertext is not base64).',
    );
    expect(refusal(fileWith(valid, (f) => void (f.ct = 42))).code).toBe('BACKUP_INVALID');
  });

  it('refuses an oversized file before parsing it', () => {
    const huge = ' '.repeat(MAX_BACKUP_FILE_BYTES + 1);
    expect(refusal(huge)).toMatchObject({
      code: 'BACKUP_TOO_LARGE',
      message: 'The backup file is too large (the limit is 16 MiB).',
    });
    expect(refusal(new Uint8Array(MAX_BACKUP_FILE_BYTES + 1)).code).toBe('BACKUP_TOO_LARGE');
  });

  it('refuses other files, versions and extra fields', () => {
    expect(refusal('not json').message).toBe('This is not a valid Sigil backup file (not JSON).');
    expect(refusal(new Uint8Array([0xff, 0xfe])).code).toBe('BACKUP_INVALID');
    expect(refusal('[]').code).toBe('BACKUP_INVALID');
    expect(refusal(fileWith(valid, (f) => void (f.format = 'sigil-vault'))).code).toBe('BACKUP_INVALID');
    expect(refusal(fileWith(valid, (f) => void (f.version = 3)))).toMatchObject({
      code: 'BACKUP_UNSUPPORTED',
      message: 'This backup was made by a newer version of Sigil. Update Sigil to import it.',
    });
    for (const unknown of [0, -1, 1.5, '2', null])
      expect(refusal(fileWith(valid, (f) => void (f.version = unknown)))).toMatchObject({
        code: 'BACKUP_UNSUPPORTED',
        message: 'This backup format version is not supported.',
      });
    expect(refusal(fileWith(valid, (f) => void (f.note = 'hi'))).code).toBe('BACKUP_INVALID');
  });

  it('importBackup refuses the same files with the same errors (no Argon2 run: parse fails first)', async () => {
    const target = await newVault();
    const extreme = fileWith(valid, (f) => Object.assign(f.kdf as Record<string, unknown>, { m: 2 ** 30, t: 1000 }));
    expect((await errorOf(importBackup(target.vault, extreme, PASSWORD))).code).toBe('BACKUP_KDF_REFUSED');
    expect(await target.vault.health()).toEqual({ state: 'empty' });
  });
});

describe('backup contents', () => {
  const contentsWith = (permissions: unknown[]): Uint8Array =>
    new TextEncoder().encode(
      JSON.stringify({
        format: 'sigil-backup-contents',
        version: 2,
        exportedAt: 1,
        secrets: { version: 2, seeds: [], importedKeys: [], entities: [], generatedKeys: [] },
        entities: [],
        permissions,
        settings: {},
      }),
    );
  const grant = { user: DID, agent: DID, grantedAt: 1, expiresAt: 2 };
  const permission = { origin: ORIGIN, sharedDids: [], connectedAt: 1, authTokenGrants: [grant] };

  it('keeps connected and rejected sites with their standing grants', () => {
    const read = readBackupContents(contentsWith([permission, { ...permission, origin: 'https://b.example', rejected: true }]));
    expect(read.permissions).toEqual([permission, { ...permission, origin: 'https://b.example', rejected: true }]);
  });

  const encodeContents = (contents: Record<string, unknown>): Uint8Array => new TextEncoder().encode(JSON.stringify(contents));
  const emptyContents = {
    format: 'sigil-backup-contents',
    version: 2,
    exportedAt: 1,
    secrets: { version: 2, seeds: [], importedKeys: [], entities: [], generatedKeys: [] },
    entities: [],
    permissions: [],
    settings: {},
  };

  it('upgrades version-1 contents: identities become sigil format, secrets migrate', () => {
    const { format: _format, ...v1Entity } = sampleEntity(DID, ENTITY_LABEL);
    const v1 = { ...emptyContents, version: 1, secrets: { ...emptyContents.secrets, version: 1 }, entities: [v1Entity] };
    const read = readBackupContents(encodeContents(v1), 1);
    expect(read.entities).toEqual([{ ...v1Entity, format: 'sigil' }]);
    // The contents must say the same version as the file around them.
    expect(() => readBackupContents(encodeContents(v1), 2)).toThrow('This is not a valid Sigil backup file (unexpected contents).');
  });

  it('refuses version-2 identities without a valid format', () => {
    for (const format of [undefined, 'factom']) {
      const entity = { ...sampleEntity(DID), format };
      expect(() => readBackupContents(encodeContents({ ...emptyContents, entities: [entity] }))).toThrow(
        'This is not a valid Sigil backup file (an identity is malformed).',
      );
    }
  });

  it('secrets from a newer Sigil inside the file: "update Sigil", not "damaged"', () => {
    const newer = { ...emptyContents, secrets: { ...emptyContents.secrets, version: 3 } };
    expect(() => readBackupContents(encodeContents(newer))).toThrow(
      'This backup was made by a newer version of Sigil. Update Sigil to import it.',
    );
  });

  it('refuses a site whose grant has no end or whose rejected flag is not a boolean', () => {
    const { expiresAt: _, ...endless } = grant;
    for (const bad of [{ ...permission, authTokenGrants: [endless] }, { ...permission, rejected: 'yes' }]) {
      expect(() => readBackupContents(contentsWith([bad]))).toThrow('This is not a valid Sigil backup file (a permission is malformed).');
    }
  });
});
