/**
 * IOTICS DIDs (DESIGN §2.3): did:iotics: + base58(05 55 59 ‖ BLAKE2b-160(pk) ‖ BLAKE2b-160(BLAKE2b-160(pk))[0..4]).
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { base58Decode, base58Encode } from './base58';
import { concatBytes, equalBytes } from './bytes';
import { CoreError, type Check } from './errors';

export const DID_METHOD_PREFIX = 'did:iotics:';
export const DID_PATTERN = /^did:iotics:iot[1-9A-HJ-NP-Za-km-z]{33}$/;
/** Every did:iotics DID is this long (`did:iotics:` + `iot` + 33 characters); checked before anything else. */
export const DID_LENGTH = 47;
const DID_VERSION = Uint8Array.from([0x05, 0x55, 0x59]);

const blake160 = (bytes: Uint8Array): Uint8Array => blake2b(bytes, { dkLen: 20 });

/** DESIGN §2.3 over a key's bytes, whatever their type: callers check the length their format needs. */
export function didOfKeyBytes(publicKey: Uint8Array): string {
  const hash = blake160(publicKey);
  return DID_METHOD_PREFIX + base58Encode(concatBytes(DID_VERSION, hash, blake160(hash).subarray(0, 4)));
}

export function didFromPublicKey(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32)
    throw new CoreError('INVALID_PARAMS', 'public key must be 32 bytes');
  return didOfKeyBytes(publicKey);
}

/** Pattern and checksum; returns the 20-byte key hash the DID carries. */
export function parseDid(did: string): { did: string; keyHash: Uint8Array } {
  if (typeof did !== 'string' || did.length !== DID_LENGTH || !DID_PATTERN.test(did))
    throw new CoreError('INVALID_DID', 'DID must look like did:iotics:iot followed by 33 base58 characters');
  const raw = base58Decode(did.slice(DID_METHOD_PREFIX.length));
  if (raw.length !== 27 || !equalBytes(raw.subarray(0, 3), DID_VERSION))
    throw new CoreError('INVALID_DID', 'DID does not carry an IOTICS identifier');
  const keyHash = raw.slice(3, 23);
  if (!equalBytes(blake160(keyHash).subarray(0, 4), raw.subarray(23)))
    throw new CoreError('INVALID_DID', 'DID checksum does not match');
  return { did, keyHash };
}

export function checkDid(did: unknown): Check {
  try {
    parseDid(did as string);
    return { valid: true };
  } catch (error) {
    return { valid: false, reason: (error as Error).message };
  }
}

export const isValidDid = (did: unknown): did is string => checkDid(did).valid;

export function didMatchesPublicKey(did: string, publicKey: Uint8Array): boolean {
  return publicKey instanceof Uint8Array && publicKey.length === 32 && didFromPublicKey(publicKey) === did;
}

/** Splits `did:iotics:…#fragment` (a key or delegation reference) and checks the DID. */
export function parseDidUrl(reference: string): { did: string; fragment: string } {
  if (typeof reference !== 'string') throw new CoreError('INVALID_DID', 'DID reference must be a string');
  const hash = reference.indexOf('#');
  if (hash < 0 || hash === reference.length - 1)
    throw new CoreError('INVALID_DID', 'DID reference must be did#fragment');
  const did = reference.slice(0, hash);
  parseDid(did);
  return { did, fragment: reference.slice(hash) };
}
