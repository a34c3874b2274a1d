/**
 * secp256k1 ECDSA-SHA256 as the IOTICS libraries use it: DER for document and delegation proofs,
 * raw R‖S (64 bytes) for JWTs. Verification accepts both S halves: the libraries do not normalise S.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { CoreError } from '../errors';

export const IOTICS_PUBLIC_KEY_BYTES = 65;
export const IOTICS_SECRET_KEY_BYTES = 32;
const CURVE_ORDER = secp256k1.Point.CURVE().n;

/** A 32-byte big-endian scalar in 1 … n−1; anything else is refused, never reduced. */
export function assertIoticsSecretKey(secretKey: unknown): asserts secretKey is Uint8Array {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== IOTICS_SECRET_KEY_BYTES)
    throw new CoreError('INVALID_KEY', 'secp256k1 secret key must be 32 bytes');
  let scalar = 0n;
  for (const byte of secretKey) scalar = (scalar << 8n) | BigInt(byte);
  if (scalar === 0n || scalar >= CURVE_ORDER)
    throw new CoreError('INVALID_KEY', 'secp256k1 secret key must be between 1 and n−1 (the derived value is out of range)');
}

/** SEC1 uncompressed public key (65 bytes, 04 ‖ X ‖ Y). */
export function ioticsPublicKey(secretKey: Uint8Array): Uint8Array {
  assertIoticsSecretKey(secretKey);
  return secp256k1.getPublicKey(secretKey, false);
}

/** A 65-byte uncompressed point on the curve. */
export function isIoticsPublicKey(publicKey: unknown): publicKey is Uint8Array {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== IOTICS_PUBLIC_KEY_BYTES || publicKey[0] !== 0x04)
    return false;
  try {
    secp256k1.Point.fromBytes(publicKey).assertValidity();
    return true;
  } catch {
    return false;
  }
}

/** DER ECDSA-SHA256 signature (document and delegation proofs). */
export function signDer(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertIoticsSecretKey(secretKey);
  return secp256k1.sign(message, secretKey, { format: 'der' });
}

/** Raw R‖S ECDSA-SHA256 signature (JWS). */
export function signRaw(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertIoticsSecretKey(secretKey);
  return secp256k1.sign(message, secretKey, { format: 'compact' });
}

function verifyFormat(format: 'der' | 'compact', signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (!isIoticsPublicKey(publicKey)) return false;
  try {
    return secp256k1.verify(signature, message, publicKey, { format, lowS: false });
  } catch {
    return false;
  }
}

export const verifyDer = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean =>
  verifyFormat('der', signature, message, publicKey);

export const verifyRaw = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean =>
  signature instanceof Uint8Array && signature.length === 64 && verifyFormat('compact', signature, message, publicKey);
