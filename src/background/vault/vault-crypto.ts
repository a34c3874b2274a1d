/** Record-level vault cryptography: no storage, no session; every function returns a new record. */
import { AES_KEY_BYTES, open, seal } from './aead';
import { randomBytes, toBase64 } from './encoding';
import { VaultError, wrongPassword } from './errors';
import { derivePasswordKey, newKdfDescriptor, type KdfParams } from './kdf';
import { payloadAad, VAULT_ID_BYTES, wrapAad, type VaultRecord } from './record';
import { deserializeSecrets, serializeSecrets, type ReadSecrets, type VaultSecrets } from './secrets';

export const MIN_PASSWORD_CHARS = 8;

export function assertNewPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_CHARS)
    throw new VaultError('WEAK_PASSWORD', `The password must be at least ${MIN_PASSWORD_CHARS} characters.`);
}

async function wrapKey(vaultId: string, vaultKey: Uint8Array, password: string, params: KdfParams) {
  const kdf = newKdfDescriptor(params);
  const passwordKey = await derivePasswordKey(password, kdf);
  try {
    return { kdf, wrapped: await seal(passwordKey, vaultKey, wrapAad(vaultId, kdf)) };
  } finally {
    passwordKey.fill(0);
  }
}

export async function createVaultRecord(
  password: string,
  secrets: VaultSecrets,
  params: KdfParams,
  now: number,
): Promise<{ record: VaultRecord; vaultKey: Uint8Array }> {
  const vaultId = toBase64(randomBytes(VAULT_ID_BYTES));
  const vaultKey = randomBytes(AES_KEY_BYTES);
  const { kdf, wrapped } = await wrapKey(vaultId, vaultKey, password, params);
  const counter = 1;
  const payload = await seal(vaultKey, serializeSecrets(secrets), payloadAad(vaultId, counter));
  return { record: { vaultId, kdf, wrapped, payload, counter, updatedAt: now }, vaultKey };
}

/** The vault key, or WRONG_PASSWORD. Only meaningful on a record whose digest checked. */
export async function unwrapVaultKey(record: VaultRecord, password: string): Promise<Uint8Array> {
  const passwordKey = await derivePasswordKey(password, record.kdf);
  try {
    const vaultKey = await open(passwordKey, record.wrapped, wrapAad(record.vaultId, record.kdf));
    if (!vaultKey || vaultKey.length !== AES_KEY_BYTES) throw wrongPassword();
    return vaultKey;
  } finally {
    passwordKey.fill(0);
  }
}

/** New salt and KDF params around the same vault key; the payload is left byte-for-byte as it was. */
export async function rewrapVaultKey(
  record: VaultRecord,
  vaultKey: Uint8Array,
  password: string,
  params: KdfParams,
  now: number,
): Promise<VaultRecord> {
  const { kdf, wrapped } = await wrapKey(record.vaultId, vaultKey, password, params);
  return { ...record, kdf, wrapped, updatedAt: now };
}

/**
 * The secrets (upgraded to the current payload version) and the version they were stored in, or
 * null when the key does not open this payload. Throws INVALID_SECRETS on bad contents and
 * VAULT_TOO_NEW on a payload a newer Sigil wrote.
 */
export async function openSecrets(record: VaultRecord, vaultKey: Uint8Array): Promise<ReadSecrets | null> {
  const plain = await open(vaultKey, record.payload, payloadAad(record.vaultId, record.counter));
  if (!plain) return null;
  try {
    return deserializeSecrets(plain);
  } finally {
    plain.fill(0);
  }
}

/** The secrets, or null when the key does not open this payload. */
export async function decryptSecrets(record: VaultRecord, vaultKey: Uint8Array): Promise<VaultSecrets | null> {
  return (await openSecrets(record, vaultKey))?.secrets ?? null;
}

export async function encryptSecrets(
  record: VaultRecord,
  vaultKey: Uint8Array,
  secrets: VaultSecrets,
  now: number,
): Promise<VaultRecord> {
  const counter = record.counter + 1;
  const plain = serializeSecrets(secrets);
  try {
    const payload = await seal(vaultKey, plain, payloadAad(record.vaultId, counter));
    return { ...record, payload, counter, updatedAt: now };
  } finally {
    plain.fill(0);
  }
}
