/**
 * One encrypted, versioned backup file holding everything but pending requests:
 * `{format:'sigil-backup', version:1, kdf:{alg,m,t,p,salt}, iv, ct}`.
 *
 * Nothing is readable in clear: the plaintext (secrets, entities, permissions, settings) is padded
 * to a multiple of 4 KiB before encryption so even its size says little. `parseBackup` does every
 * structural check (sizes, base64, KDF bounds) synchronously, before any Argon2 work.
 *
 * Import REPLACES the wallet (vault, entities, permissions, settings; pending requests are dropped)
 * in one transaction. Merging is deliberately not offered: two wallets' ids, labels and permissions
 * cannot be merged without questions only the user can answer.
 */
import {
  isValidSetting,
  type EntityRecord,
  type PermissionRecord,
  type SigilDatabase,
  type WriteTransaction,
} from '../storage';
import { ENTITY_KINDS, type EntityKind } from '../../core';
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
import { pickIntactRecord, type Vault } from './vault';
import { assertNewPassword, createVaultRecord, decryptSecrets, unwrapVaultKey } from './vault-crypto';

export const BACKUP_FORMAT = 'sigil-backup';
export const BACKUP_VERSION = 1;
export const MAX_BACKUP_FILE_BYTES = 16 * 1024 * 1024;
export const BACKUP_PAD_BYTES = 4096;
const CONTENTS_FORMAT = 'sigil-backup-contents';

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  kdf: StoredKdf;
  iv: string;
  ct: string;
}

export interface ParsedBackup {
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

const backupAad = (kdf: KdfDescriptor): Uint8Array =>
  utf8Encode(`${BACKUP_FORMAT}/${BACKUP_VERSION}/${kdfBinding(kdf)}`);

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
  if (parsed.version !== BACKUP_VERSION) {
    const newer = typeof parsed.version === 'number' && parsed.version > BACKUP_VERSION;
    throw new VaultError(
      'BACKUP_UNSUPPORTED',
      newer
        ? 'This backup was made by a newer version of Sigil. Update Sigil to import it.'
        : 'This backup format version is not supported.',
    );
  }
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
  return { kdf, box: { iv, ct } };
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
    const box = await seal(fileKey, plain, backupAad(kdf));
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

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isTimestamp = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const STAGES = ['local', 'registered'];

const isStoredChainEntry = (entry: unknown): boolean =>
  isPlainObject(entry) && isStringArray(entry.extIds) && isString(entry.content) && STAGES.includes(entry.stage as string);

const isAuthTokenGrant = (grant: unknown): boolean =>
  isPlainObject(grant) &&
  isString(grant.user) &&
  isString(grant.agent) &&
  isTimestamp(grant.grantedAt) &&
  isTimestamp(grant.expiresAt);

function isEntityRecord(value: unknown): value is EntityRecord {
  if (!isPlainObject(value)) return false;
  const e = value;
  return (
    isString(e.did) &&
    e.did.length > 0 &&
    ENTITY_KINDS.includes(e.kind as EntityKind) &&
    isString(e.label) &&
    STAGES.includes(e.stage as string) &&
    isString(e.chainId) &&
    isStringArray(e.names) &&
    Array.isArray(e.entries) &&
    e.entries.every(isStoredChainEntry) &&
    (e.document === null || isPlainObject(e.document)) &&
    (e.documentToken === null || isString(e.documentToken)) &&
    isTimestamp(e.createdAt) &&
    isTimestamp(e.updatedAt)
  );
}

function isPermissionRecord(value: unknown): value is PermissionRecord {
  if (!isPlainObject(value)) return false;
  return (
    isString(value.origin) &&
    value.origin.length > 0 &&
    isStringArray(value.sharedDids) &&
    isTimestamp(value.connectedAt) &&
    Array.isArray(value.authTokenGrants) &&
    value.authTokenGrants.every(isAuthTokenGrant) &&
    (value.rejected === undefined || typeof value.rejected === 'boolean')
  );
}

/** Validates decrypted contents. Errors name what is wrong, never a value from the file. */
export function readBackupContents(plain: Uint8Array): BackupContents {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(plain));
  } catch {
    throw backupInvalid('the contents are not JSON');
  }
  if (
    !isPlainObject(parsed) ||
    parsed.format !== CONTENTS_FORMAT ||
    parsed.version !== BACKUP_VERSION ||
    !hasExactKeys(parsed, ['format', 'version', 'exportedAt', 'secrets', 'entities', 'permissions', 'settings'])
  )
    throw backupInvalid('unexpected contents');
  if (!isTimestamp(parsed.exportedAt)) throw backupInvalid('bad export date');
  let secrets: VaultSecrets;
  try {
    secrets = readSecrets(parsed.secrets);
  } catch {
    throw backupInvalid('the secrets are malformed');
  }
  const { entities, permissions, settings } = parsed;
  if (!Array.isArray(entities) || !entities.every(isEntityRecord)) throw backupInvalid('an identity is malformed');
  if (new Set(entities.map((e) => e.did)).size !== entities.length) throw backupInvalid('an identity appears twice');
  if (!Array.isArray(permissions) || !permissions.every(isPermissionRecord))
    throw backupInvalid('a permission is malformed');
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
  const plain = await open(fileKey, parsed.box, backupAad(parsed.kdf));
  fileKey.fill(0);
  if (!plain) throw decryptFailed();
  let restored: BackupContents;
  try {
    restored = readBackupContents(plain);
  } finally {
    plain.fill(0);
  }

  const { record, vaultKey } = await createVaultRecord(vaultPassword, restored.secrets, vault.kdf, vault.now());
  await vault.installRecord(record, {
    replaceExisting,
    publicWrites: {
      stores: ['entities', 'permissions', 'pending', 'settings'],
      async write(tx: WriteTransaction) {
        await Promise.all([
          tx.objectStore('entities').clear(),
          tx.objectStore('permissions').clear(),
          tx.objectStore('pending').clear(),
          tx.objectStore('settings').clear(),
        ]);
        await Promise.all([
          ...restored.entities.map((entity) => tx.objectStore('entities').put(entity)),
          ...restored.permissions.map((permission) => tx.objectStore('permissions').put(permission)),
          ...Object.entries(restored.settings).map(([key, value]) => tx.objectStore('settings').put(value, key)),
        ]);
      },
    },
  });
  return { vaultKey, seedCount: restored.secrets.seeds.length, entityCount: restored.entities.length };
}
