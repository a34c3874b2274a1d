/**
 * Factom identity key strings (DESIGN §2.2): base58(prefix(5) ‖ key(32) ‖ sha256d(prefix ‖ key)[0..4]).
 * 41 bytes, 55 characters.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base58Decode, base58Encode } from './base58';
import { concatBytes, equalBytes } from './bytes';
import { getPublicKey } from './ed25519';
import { CoreError } from './errors';

export type FactomKeyKind = 'idpub' | 'idsec';

const PREFIXES: Record<FactomKeyKind, Uint8Array> = {
  idpub: Uint8Array.from([0x03, 0x45, 0xef, 0x9d, 0xe0]),
  idsec: Uint8Array.from([0x03, 0x45, 0xf3, 0xd0, 0xd6]),
};
const KEY_BYTES = 41;
/** Every idpub and idsec is exactly this long; checked before any decoding. */
export const FACTOM_KEY_LENGTH = 55;

const checksum = (body: Uint8Array): Uint8Array => sha256(sha256(body)).subarray(0, 4);

function encode(kind: FactomKeyKind, key: Uint8Array): string {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    throw new CoreError('INVALID_KEY', `an ${kind} key must be made from 32 bytes`);
  const body = concatBytes(PREFIXES[kind], key);
  return base58Encode(concatBytes(body, checksum(body)));
}

export const encodeIdpub = (publicKey: Uint8Array): string => encode('idpub', publicKey);
export const encodeIdsec = (secretKey: Uint8Array): string => encode('idsec', secretKey);

/**
 * Decodes either kind and says which one it is. Only the canonical text is accepted (no spaces or
 * other characters around it), so one key has one string and string comparisons of keys hold.
 * Messages describe the problem, never the input (which may be a secret key).
 */
export function decodeFactomKey(text: string): { kind: FactomKeyKind; key: Uint8Array } {
  if (typeof text !== 'string') throw new CoreError('INVALID_KEY', 'key must be a string');
  if (text.length !== FACTOM_KEY_LENGTH)
    throw new CoreError('INVALID_KEY', `key must be exactly ${FACTOM_KEY_LENGTH} base58 characters, nothing around them`);
  let raw: Uint8Array;
  try {
    raw = base58Decode(text);
  } catch {
    throw new CoreError('INVALID_KEY', 'key is not valid base58');
  }
  if (raw.length !== KEY_BYTES)
    throw new CoreError('INVALID_KEY', `key must decode to ${KEY_BYTES} bytes, got ${raw.length}`);
  const prefix = raw.subarray(0, 5);
  const kind = (Object.keys(PREFIXES) as FactomKeyKind[]).find((k) => equalBytes(PREFIXES[k], prefix));
  if (!kind) throw new CoreError('INVALID_KEY', 'key has an unknown prefix (expected idpub or idsec)');
  if (!equalBytes(checksum(raw.subarray(0, 37)), raw.subarray(37)))
    throw new CoreError('INVALID_KEY', `${kind} key checksum does not match`);
  return { kind, key: raw.slice(5, 37) };
}

function decodeKind(text: string, kind: FactomKeyKind): Uint8Array {
  const decoded = decodeFactomKey(text);
  if (decoded.kind !== kind) {
    decoded.key.fill(0);
    throw new CoreError('INVALID_KEY', `expected an ${kind} key, got an ${decoded.kind} key`);
  }
  return decoded.key;
}

/** 32-byte Ed25519 public key from an `idpub…` string. */
export const decodeIdpub = (text: string): Uint8Array => decodeKind(text, 'idpub');
/** 32-byte Ed25519 secret seed from an `idsec…` string. */
export const decodeIdsec = (text: string): Uint8Array => decodeKind(text, 'idsec');

export function isIdpub(text: unknown): text is string {
  try {
    decodeIdpub(text as string);
    return true;
  } catch {
    return false;
  }
}

/** True for a canonical idsec string whose checksum verifies; the decoded secret is wiped at once. */
export function isIdsec(text: unknown): text is string {
  try {
    decodeIdsec(text as string).fill(0);
    return true;
  } catch {
    return false;
  }
}

export interface FactomKeyInfo {
  kind: FactomKeyKind;
  publicKey: Uint8Array;
  idpub: string;
}

/** The public half of an `idpub…` or `idsec…` string. */
export async function inspectFactomKey(text: string): Promise<FactomKeyInfo> {
  const { kind, key } = decodeFactomKey(text);
  if (kind === 'idpub') return { kind, publicKey: key, idpub: encodeIdpub(key) };
  try {
    const publicKey = await getPublicKey(key);
    return { kind, publicKey, idpub: encodeIdpub(publicKey) };
  } finally {
    key.fill(0);
  }
}
