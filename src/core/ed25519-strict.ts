/**
 * The one Ed25519 verification rule of Sigil, whatever library does the arithmetic (RFC 8032 §5.1.7
 * strictly, as OpenSSL, NSS and libsodium verify):
 *   - the public key A and the point R are canonical encodings (y < p; no x = 0 with the sign bit
 *     set) and neither is one of the eight points of small order;
 *   - S < L;
 *   - the equation is the cofactorless one, [S]B = R + [k]A.
 * WebCrypto alone accepts a small-order key with R = identity and S = 0 (valid for every message);
 * noble alone uses the cofactored equation, which accepts keys with a torsion component. The byte
 * checks here run before either backend; `cofactorlessEquation` is noble's path.
 */
import * as noble from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes } from './bytes';

/** Order of the base point, little-endian, most significant byte last. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const L_BYTES = Uint8Array.from({ length: 32 }, (_, i) => Number((L >> BigInt(8 * i)) & 0xffn));

/** The eight points of small order, canonically encoded (identity, order 2, 4 and 8). */
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
].map(hexToBytes);

/** The only canonical-range encodings with x = 0 and the sign bit set: y = 1 and y = p − 1. */
const ZERO_X_WITH_SIGN = [
  '0100000000000000000000000000000000000000000000000000000000000080',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
].map(hexToBytes);

const same = (a: Uint8Array, b: Uint8Array): boolean => a.every((byte, i) => byte === b[i]);

/** a < b for 32-byte little-endian numbers. */
function lessThan(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** y (the encoding without its sign bit) is below p = 2^255 − 19. */
function yBelowP(encoding: Uint8Array): boolean {
  if ((encoding[31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (encoding[i] !== 0xff) return true;
  return encoding[0]! < 0xed;
}

/** A canonical encoding that is not a point of small order (whether it is a point at all is the backend's to find). */
const acceptablePoint = (encoding: Uint8Array): boolean =>
  yBelowP(encoding) && !ZERO_X_WITH_SIGN.some((bad) => same(bad, encoding)) && !SMALL_ORDER.some((small) => same(small, encoding));

/** The byte rules every backend applies before its equation. */
export function acceptableSignature(signature: unknown, message: unknown, publicKey: unknown): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  if (!(message instanceof Uint8Array)) return false;
  return lessThan(signature.subarray(32), L_BYTES) && acceptablePoint(publicKey) && acceptablePoint(signature.subarray(0, 32));
}

const scalarFromLE = (bytes: Uint8Array): bigint => {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
};

/** [S]B = R + [k]A with noble's arithmetic, for a signature that passed `acceptableSignature`. */
export function cofactorlessEquation(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const A = noble.Point.fromBytes(publicKey, false);
  const R = noble.Point.fromBytes(signature.subarray(0, 32), false);
  const S = scalarFromLE(signature.subarray(32));
  const k = scalarFromLE(sha512(concatBytes(signature.subarray(0, 32), publicKey, message))) % L;
  return noble.Point.BASE.multiply(S, false).equals(R.add(A.multiply(k, false)));
}
