/**
 * The stored vault record (format `sigil-vault`, version `VAULT_VERSION`) and its integrity check.
 * A record of an older version is upgraded by `VAULT_RECORD_FORMAT.migrations` when read; one of a
 * newer version is reported as such ('newer'), never as damaged.
 *
 * The SHA-256 `digest` over every other field is not a security measure (anyone can recompute it;
 * the GCM tags are what authenticate). It detects accidental damage before a password is asked,
 * and it is what lets a failed unwrap of an intact record mean "wrong password" rather than "damaged".
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { AES_KEY_BYTES, IV_BYTES, TAG_BYTES, type SealedBox } from './aead';
import { fromBase64, hasExactKeys, isPlainObject, toBase64, utf8Encode } from './encoding';
import { kdfBinding, readStoredKdf, storeKdf, type KdfDescriptor, type StoredKdf } from './kdf';
import { upgradeToCurrent, type VersionedFormat } from './versioned';

export const VAULT_FORMAT = 'sigil-vault';
/**
 * Version 1 is the only record layout so far (the payload inside it has its own version). A later
 * layout adds `migrations[1]`. The digest is checked as it was computed when stored (with the
 * stored version), so a migration must keep the digested fields' values.
 */
export const VAULT_RECORD_FORMAT: VersionedFormat = { current: 1, migrations: {} };
export const VAULT_VERSION = VAULT_RECORD_FORMAT.current;
/**
 * Bound into every wrap and payload ciphertext: fixed at the first layout's label so that a new
 * layout version does not make existing ciphertexts undecryptable.
 */
const AAD_LABEL = `${VAULT_FORMAT}/1`;
export const VAULT_ID_BYTES = 16;
/** Far above any real wallet; bounds the work done on a damaged record. */
export const MAX_PAYLOAD_CT_BYTES = 16 * 1024 * 1024;

export interface VaultRecord {
  readonly vaultId: string;
  readonly kdf: KdfDescriptor;
  /** The 32-byte vault key under the password-derived key. */
  readonly wrapped: SealedBox;
  /** The serialised secrets under the vault key. */
  readonly payload: SealedBox;
  /** Number of payload writes; bound into the payload AAD. */
  readonly counter: number;
  readonly updatedAt: number;
}

interface StoredBox {
  iv: string;
  ct: string;
}

export interface StoredVaultRecord {
  format: typeof VAULT_FORMAT;
  version: number;
  vaultId: string;
  kdf: StoredKdf;
  wrapped: StoredBox;
  payload: StoredBox;
  counter: number;
  updatedAt: number;
  digest: string;
}

export type VaultRecordReading =
  | { readonly state: 'missing' }
  | { readonly state: 'damaged'; readonly reason: string }
  /** Written by a newer Sigil: intact as far as this build can tell, and not to be overwritten. */
  | { readonly state: 'newer'; readonly version: number }
  | {
      readonly state: 'intact';
      readonly record: VaultRecord;
      readonly digest: string;
      /** The layout version it was stored in (below VAULT_VERSION: upgraded on reading). */
      readonly storedVersion: number;
    };

const storeBox = (box: SealedBox): StoredBox => ({ iv: toBase64(box.iv), ct: toBase64(box.ct) });

function digestOf(fields: Omit<StoredVaultRecord, 'digest'>): string {
  const canonical = JSON.stringify([
    fields.format,
    fields.version,
    fields.vaultId,
    fields.kdf.alg,
    fields.kdf.m,
    fields.kdf.t,
    fields.kdf.p,
    fields.kdf.salt,
    fields.wrapped.iv,
    fields.wrapped.ct,
    fields.payload.iv,
    fields.payload.ct,
    fields.counter,
    fields.updatedAt,
  ]);
  return toBase64(sha256(utf8Encode(canonical)));
}

export function encodeVaultRecord(record: VaultRecord): StoredVaultRecord {
  return encodeAs(record, VAULT_VERSION);
}

/** `record` with the digest it has when stored as `version` (the stored digest of an upgraded record stays checkable). */
function encodeAs(record: VaultRecord, version: number): StoredVaultRecord {
  const fields = {
    format: VAULT_FORMAT,
    version,
    vaultId: record.vaultId,
    kdf: storeKdf(record.kdf),
    wrapped: storeBox(record.wrapped),
    payload: storeBox(record.payload),
    counter: record.counter,
    updatedAt: record.updatedAt,
  } as const;
  return { ...fields, digest: digestOf(fields) };
}

class Damaged extends Error {}
const damaged = (reason: string): Damaged => new Damaged(reason);

function readBox(value: unknown, ctMin: number, ctMax: number, name: string): SealedBox {
  if (!isPlainObject(value) || !hasExactKeys(value, ['iv', 'ct'])) throw damaged(`${name} has an unexpected shape`);
  const iv = typeof value.iv === 'string' ? fromBase64(value.iv) : null;
  const ct = typeof value.ct === 'string' ? fromBase64(value.ct) : null;
  if (!iv || iv.length !== IV_BYTES) throw damaged(`${name} IV is invalid`);
  if (!ct || ct.length < ctMin || ct.length > ctMax) throw damaged(`${name} ciphertext is invalid`);
  return { iv, ct };
}

const RECORD_KEYS = ['format', 'version', 'vaultId', 'kdf', 'wrapped', 'payload', 'counter', 'updatedAt', 'digest'];

/** Classifies what a vault slot holds without any secret: missing, damaged, or intact. */
export function readVaultRecord(stored: unknown): VaultRecordReading {
  if (stored === undefined || stored === null) return { state: 'missing' };
  try {
    if (!isPlainObject(stored)) throw damaged('unexpected shape');
    if (stored.format !== VAULT_FORMAT) throw damaged('not a Sigil vault');
    const upgraded = upgradeToCurrent(stored, VAULT_RECORD_FORMAT);
    if (upgraded.state === 'newer') return { state: 'newer', version: upgraded.version };
    if (upgraded.state === 'unknown') throw damaged('unsupported version');
    const raw = upgraded.value;
    if (!hasExactKeys(raw, RECORD_KEYS)) throw damaged('unexpected shape');
    const vaultIdBytes = typeof raw.vaultId === 'string' ? fromBase64(raw.vaultId) : null;
    if (!vaultIdBytes || vaultIdBytes.length !== VAULT_ID_BYTES) throw damaged('vault id is invalid');
    const kdf = readStoredKdf(raw.kdf, (reason) => damaged(reason));
    const wrapped = readBox(raw.wrapped, AES_KEY_BYTES + TAG_BYTES, AES_KEY_BYTES + TAG_BYTES, 'wrapped key');
    const payload = readBox(raw.payload, TAG_BYTES, MAX_PAYLOAD_CT_BYTES, 'payload');
    if (!Number.isSafeInteger(raw.counter) || (raw.counter as number) < 0) throw damaged('counter is invalid');
    if (!Number.isSafeInteger(raw.updatedAt) || (raw.updatedAt as number) < 0) throw damaged('timestamp is invalid');
    const record: VaultRecord = {
      vaultId: raw.vaultId as string,
      kdf,
      wrapped,
      payload,
      counter: raw.counter as number,
      updatedAt: raw.updatedAt as number,
    };
    const expected = encodeAs(record, upgraded.from).digest;
    if (raw.digest !== expected) throw damaged('integrity check failed');
    return { state: 'intact', record, digest: expected, storedVersion: upgraded.from };
  } catch (error) {
    if (error instanceof Damaged) return { state: 'damaged', reason: error.message };
    throw error;
  }
}

export const wrapAad = (vaultId: string, kdf: KdfDescriptor): Uint8Array =>
  utf8Encode(`${AAD_LABEL}/wrap/${vaultId}/${kdfBinding(kdf)}`);

export const payloadAad = (vaultId: string, counter: number): Uint8Array =>
  utf8Encode(`${AAD_LABEL}/payload/${vaultId}/${counter}`);
