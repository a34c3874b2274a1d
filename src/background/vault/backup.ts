/**
 * One encrypted, versioned backup file holding everything but pending requests:
 * `{format:'sigil-backup', version, kdf:{alg,m,t,p,salt}, iv, ct}`.
 *
 * Versions: 1, the first; 2, whose identities carry a `format` (and whose secrets are payload
 * version 2). The file's version is bound into the encryption and repeated inside the contents;
 * older contents are upgraded step by step by `BACKUP_CONTENTS_FORMAT` (the secrets inside by
 * their own migrations); a file from a newer Sigil is refused as such, not as damaged.
 *
 * Nothing is readable in clear: the plaintext (secrets, entities, permissions, settings) is padded
 * to a multiple of 4 KiB before encryption so even its size says little. `parseBackup` does every
 * structural check (sizes, base64, KDF bounds) synchronously, before any Argon2 work.
 *
 * Import REPLACES the wallet (vault, entities, permissions, settings; pending requests are dropped)
 * in one transaction. Merging is deliberately not offered: two wallets' ids, labels and permissions
 * cannot be merged without questions only the user can answer.
 */
import * as v from 'valibot';
import {
  isValidSetting,
  type EntityRecord,
  type PermissionRecord,
  type SigilDatabase,
  type WriteTransaction,
} from '../storage';
import { ENTITY_KINDS, IDENTITY_FORMATS } from '../../core';
import { IV_BYTES, open, seal, TAG_BYTES, type SealedBox } from './aead';
import { fromBase64, hasExactKeys, isPlainObject, toBase64, utf8Decode, utf8Encode } from './encoding';
import { vaultDamaged, VaultError } from './errors';
import {
  derivePasswordKey,
  kdfBinding,
  newKdfDescriptor,
  readStoredKdf,
  storeKdf,
  type KdfDescriptor,
  type StoredKdf,
} from './kdf';
import { readSecrets, secretsToWire, type VaultSecrets } from './secrets';
import { mapObjects, upgradeToCurrent, type VersionedFormat } from './versioned';
import { pickIntactRecord, type PublicWrites, type Vault } from './vault';
import { assertNewPassword, createVaultRecord, decryptSecrets, unwrapVaultKey } from './vault-crypto';

export const BACKUP_FORMAT = 'sigil-backup';

/** The decrypted contents: `contents.version` equals the file's version. */
export const BACKUP_CONTENTS_FORMAT: VersionedFormat = {
  current: 2,
  migrations: {
    // 1 → 2: identities gain a format; every earlier one is Sigil's own (as IndexedDB schema 2 does).
    1: (v1) => ({ ...v1, entities: mapObjects(v1.entities, (entity) => ({ ...entity, format: 'sigil' })) }),
  },
};
export const BACKUP_VERSION: number = BACKUP_CONTENTS_FORMAT.current;
export const MAX_BACKUP_FILE_BYTES = 16 * 1024 * 1024;
export const BACKUP_PAD_BYTES = 4096;
const CONTENTS_FORMAT = 'sigil-backup-contents';

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  kdf: StoredKdf;
  iv: string;
  ct: string;
}

export interface ParsedBackup {
  /** The file's version (this build's or an older one). */
  readonly version: number;
  readonly kdf: KdfDescriptor;
  readonly box: SealedBox;
}

export interface BackupContents {
  readonly exportedAt: number;
  readonly secrets: VaultSecrets;
  readonly entities: readonly EntityRecord[];
  readonly permissions: readonly PermissionRecord[];
  readonly settings: Readonly<Record<string, unknown>>;
}

const backupInvalid = (detail: string): VaultError =>
  new VaultError('BACKUP_INVALID', `This is not a valid Sigil backup file (${detail}).`);

const decryptFailed = (): VaultError =>
  new VaultError('BACKUP_DECRYPT_FAILED', 'The backup file is damaged or the password is wrong.');

const backupAad = (version: number, kdf: KdfDescriptor): Uint8Array =>
  utf8Encode(`${BACKUP_FORMAT}/${version}/${kdfBinding(kdf)}`);

const backupTooNew = (): VaultError =>
  new VaultError('BACKUP_UNSUPPORTED', 'This backup was made by a newer version of Sigil. Update Sigil to import it.');

/** Strict, synchronous validation of a backup file; refuses before any key derivation happens. */
export function parseBackup(contents: string | Uint8Array): ParsedBackup {
  const size = typeof contents === 'string' ? contents.length : contents.byteLength;
  if (size > MAX_BACKUP_FILE_BYTES)
    throw new VaultError(
      'BACKUP_TOO_LARGE',
      `The backup file is too large (the limit is ${MAX_BACKUP_FILE_BYTES / 1024 / 1024} MiB).`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof contents === 'string' ? contents : utf8Decode(contents));
  } catch {
    throw backupInvalid('not JSON');
  }
  if (!isPlainObject(parsed) || parsed.format !== BACKUP_FORMAT) throw backupInvalid('not a Sigil backup');
  const version = parsed.version;
  if (Number.isSafeInteger(version) && (version as number) > BACKUP_VERSION) throw backupTooNew();
  if (!Number.isSafeInteger(version) || (version as number) < 1)
    throw new VaultError('BACKUP_UNSUPPORTED', 'This backup format version is not supported.');
  if (!hasExactKeys(parsed, ['format', 'version', 'kdf', 'iv', 'ct'])) throw backupInvalid('unexpected fields');
  const kdf = readStoredKdf(
    parsed.kdf,
    (reason) => new VaultError('BACKUP_KDF_REFUSED', `The backup file's key-derivation settings are refused: ${reason}`),
  );
  const iv = typeof parsed.iv === 'string' ? fromBase64(parsed.iv) : null;
  if (!iv || iv.length !== IV_BYTES) throw backupInvalid(`the IV must be ${IV_BYTES} bytes`);
  const ct = typeof parsed.ct === 'string' ? fromBase64(parsed.ct) : null;
  if (!ct) throw backupInvalid('the ciphertext is not base64');
  const padded = ct.length - TAG_BYTES;
  if (padded < BACKUP_PAD_BYTES || padded % BACKUP_PAD_BYTES !== 0) throw backupInvalid('the ciphertext has a wrong size');
  return { version: version as number, kdf, box: { iv, ct } };
}

// ---- export ----

/** `sigil-backup-YYYY-MM-DD.json`, with the user's local date. */
export function backupFileName(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `sigil-backup-${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}.json`;
}

interface Snapshot {
  primary: unknown;
  copy: unknown;
  entities: EntityRecord[];
  permissions: PermissionRecord[];
  settings: Record<string, unknown>;
}

/** Reads the vault record and the public state in one transaction, so they belong together. */
async function readSnapshot(db: SigilDatabase): Promise<Snapshot> {
  const tx = db.transaction(['vault', 'entities', 'permissions', 'settings'], 'readonly');
  const [primary, copy, entities, permissions, settingKeys, settingValues] = await Promise.all([
    tx.objectStore('vault').get('primary'),
    tx.objectStore('vault').get('copy'),
    tx.objectStore('entities').getAll(),
    tx.objectStore('permissions').getAll(),
    tx.objectStore('settings').getAllKeys(),
    tx.objectStore('settings').getAll(),
    tx.done,
  ]);
  const settings: Record<string, unknown> = {};
  settingKeys.forEach((key, i) => {
    if (isValidSetting(key, settingValues[i])) settings[key] = settingValues[i];
  });
  return { primary, copy, entities, permissions, settings };
}

function padToBlock(bytes: Uint8Array): Uint8Array {
  const length = Math.ceil((bytes.length + 1) / BACKUP_PAD_BYTES) * BACKUP_PAD_BYTES;
  const padded = new Uint8Array(length).fill(0x20); // JSON.parse ignores trailing spaces
  padded.set(bytes);
  return padded;
}

export interface ExportOptions {
  /** Encrypts the file with another password than the vault's. */
  backupPassword?: string;
}

/**
 * Needs the vault password (checked by unwrapping), as revealing a mnemonic does.
 * Returns the file's text; the caller offers it for download.
 */
export async function exportBackup(vault: Vault, password: string, options: ExportOptions = {}): Promise<string> {
  if (options.backupPassword !== undefined) assertNewPassword(options.backupPassword);
  const snapshot = await readSnapshot(vault.db);
  const base = pickIntactRecord(snapshot.primary, snapshot.copy);
  const vaultKey = await unwrapVaultKey(base.record, password);
  const secrets = await decryptSecrets(base.record, vaultKey);
  vaultKey.fill(0);
  if (!secrets) throw vaultDamaged();

  const plain = padToBlock(
    utf8Encode(
      JSON.stringify({
        format: CONTENTS_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: vault.now(),
        secrets: secretsToWire(secrets),
        entities: snapshot.entities,
        permissions: snapshot.permissions,
        settings: snapshot.settings,
      }),
    ),
  );
  const kdf = newKdfDescriptor(vault.kdf);
  const fileKey = await derivePasswordKey(options.backupPassword ?? password, kdf);
  try {
    const box = await seal(fileKey, plain, backupAad(BACKUP_VERSION, kdf));
    const file: BackupFile = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      kdf: storeKdf(kdf),
      iv: toBase64(box.iv),
      ct: toBase64(box.ct),
    };
    return `${JSON.stringify(file)}\n`;
  } finally {
    fileKey.fill(0);
    plain.fill(0);
  }
}

// ---- import ----

// Rows keep fields this build does not know (looseObject), as IndexedDB does: a backup restores a
// wallet's rows as they were, and only the fields below are checked.
const timestamp = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const stage = v.picklist(['local', 'registered']);

const entityRowSchema = v.looseObject({
  did: v.pipe(v.string(), v.minLength(1)),
  kind: v.picklist(ENTITY_KINDS),
  format: v.picklist(IDENTITY_FORMATS),
  label: v.string(),
  stage,
  chainId: v.string(),
  names: v.array(v.string()),
  entries: v.array(v.looseObject({ extIds: v.array(v.string()), content: v.string(), stage })),
  document: v.nullable(v.custom<Record<string, unknown>>(isPlainObject)),
  documentToken: v.nullable(v.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const permissionRowSchema = v.looseObject({
  origin: v.pipe(v.string(), v.minLength(1)),
  sharedDids: v.array(v.string()),
  connectedAt: timestamp,
  authTokenGrants: v.array(
    v.looseObject({ user: v.string(), agent: v.string(), grantedAt: timestamp, expiresAt: timestamp }),
  ),
  rejected: v.optional(v.boolean()),
});

const isValid = <T>(schema: v.GenericSchema<unknown, T>, value: unknown): value is T => v.is(schema, value);

/**
 * Validates decrypted contents of a file of `fileVersion`, upgrading older contents first. Errors
 * name what is wrong, never a value from the file.
 */
export function readBackupContents(plain: Uint8Array, fileVersion: number = BACKUP_VERSION): BackupContents {
  let stored: unknown;
  try {
    stored = JSON.parse(utf8Decode(plain));
  } catch {
    throw backupInvalid('the contents are not JSON');
  }
  if (!isPlainObject(stored) || stored.format !== CONTENTS_FORMAT || stored.version !== fileVersion)
    throw backupInvalid('unexpected contents');
  const upgraded = upgradeToCurrent(stored, BACKUP_CONTENTS_FORMAT);
  if (upgraded.state === 'newer') throw backupTooNew();
  if (upgraded.state === 'unknown') throw backupInvalid('unexpected contents');
  const parsed = upgraded.value;
  if (!hasExactKeys(parsed, ['format', 'version', 'exportedAt', 'secrets', 'entities', 'permissions', 'settings']))
    throw backupInvalid('unexpected contents');
  if (!isValid(timestamp, parsed.exportedAt)) throw backupInvalid('bad export date');
  let secrets: VaultSecrets;
  try {
    secrets = readSecrets(parsed.secrets);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'VAULT_TOO_NEW') throw backupTooNew();
    throw backupInvalid('the secrets are malformed');
  }
  const { entities, permissions, settings } = parsed;
  if (!isValid(v.array(entityRowSchema), entities)) throw backupInvalid('an identity is malformed');
  if (new Set(entities.map((e) => e.did)).size !== entities.length) throw backupInvalid('an identity appears twice');
  if (!isValid(v.array(permissionRowSchema), permissions)) throw backupInvalid('a permission is malformed');
  if (new Set(permissions.map((p) => p.origin)).size !== permissions.length)
    throw backupInvalid('a permission appears twice');
  if (!isPlainObject(settings) || !Object.entries(settings).every(([key, value]) => isValidSetting(key, value)))
    throw backupInvalid('a setting is malformed');
  return { exportedAt: parsed.exportedAt as number, secrets, entities, permissions, settings };
}

export interface ImportOptions {
  /** Password for the restored vault; defaults to the backup's password. */
  vaultPassword?: string;
  /** Required when a vault (even a damaged one) already exists: import replaces it. */
  replaceExisting?: boolean;
  /** More rows written in the same transaction (e.g. the result of the request that asked for it). */
  publicWrites?: PublicWrites;
}

export interface ImportResult {
  /** The new vault's key: the caller unlocks the session with it. */
  readonly vaultKey: Uint8Array;
  readonly seedCount: number;
  readonly entityCount: number;
}

export async function importBackup(
  vault: Vault,
  contents: string | Uint8Array,
  password: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const parsed = parseBackup(contents);
  const vaultPassword = options.vaultPassword ?? password;
  assertNewPassword(vaultPassword);
  const replaceExisting = options.replaceExisting === true;
  if (!replaceExisting && (await vault.health()).state !== 'empty')
    throw new VaultError('VAULT_EXISTS', 'The wallet is already set up; importing a backup would replace it.');

  const fileKey = await derivePasswordKey(password, parsed.kdf);
  const plain = await open(fileKey, parsed.box, backupAad(parsed.version, parsed.kdf));
  fileKey.fill(0);
  if (!plain) throw decryptFailed();
  let restored: BackupContents;
  try {
    restored = readBackupContents(plain, parsed.version);
  } finally {
    plain.fill(0);
  }

  const { record, vaultKey } = await createVaultRecord(vaultPassword, restored.secrets, vault.kdf, vault.now());
  await vault.installRecord(record, {
    replaceExisting,
    publicWrites: {
      stores: ['entities', 'permissions', 'pending', 'settings', 'requestResults', ...(options.publicWrites?.stores ?? [])],
      async write(tx: WriteTransaction) {
        await Promise.all([
          tx.objectStore('entities').clear(),
          tx.objectStore('permissions').clear(),
          tx.objectStore('pending').clear(),
          tx.objectStore('settings').clear(),
          // Answers remembered for the replaced wallet's requests; the import's own is written below.
          tx.objectStore('requestResults').clear(),
        ]);
        await Promise.all([
          ...restored.entities.map((entity) => tx.objectStore('entities').put(entity)),
          ...restored.permissions.map((permission) => tx.objectStore('permissions').put(permission)),
          ...Object.entries(restored.settings).map(([key, value]) => tx.objectStore('settings').put(value, key)),
        ]);
        await options.publicWrites?.write(tx);
      },
    },
  });
  return { vaultKey, seedCount: restored.secrets.seeds.length, entityCount: restored.entities.length };
}
