/**
 * One verification rule for every backend: WebCrypto (OpenSSL in Node, the browser's own library
 * in the extension) and noble give the same answer on the inputs where Ed25519 libraries are known
 * to disagree — small-order keys and R points, non-canonical encodings of A and R, S ≥ L, and keys
 * with a torsion component (cofactored vs cofactorless equations).
 */
import * as noble from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { afterEach, describe, expect, it } from 'vitest';
import { concatBytes, ed25519, hexToBytes, utf8Encode } from '../../src/core/index';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;

const toLE = (n: bigint, length = 32): Uint8Array => {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
};
const fromLE = (bytes: Uint8Array): bigint => bytes.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);

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

/** Encodings no strict decoder accepts for points it would accept otherwise: y ≥ p, or x = 0 with the sign bit set. */
const NON_CANONICAL = [
  toLE(P + 1n), // the identity, y = 1 + p
  toLE(P), // y = 0 + p
  hexToBytes('0100000000000000000000000000000000000000000000000000000000000080'), // identity with the sign bit
  hexToBytes('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'), // order 2 with the sign bit
  ...Array.from({ length: 17 }, (_, i) => BigInt(i + 2))
    .filter((y) => {
      try {
        return !noble.Point.fromBytes(toLE(y)).isSmallOrder();
      } catch {
        return false;
      }
    })
    .map((y) => toLE(y + P)), // points of large order, y + p
];

const message = utf8Encode('did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3');
const secret = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const publicKey = hexToBytes('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');

/** What each path says: WebCrypto, noble, and the synchronous noble path. */
async function answers(signature: Uint8Array, msg: Uint8Array, key: Uint8Array): Promise<boolean[]> {
  await ed25519.useBackend('webcrypto');
  const web = await ed25519.verify(signature, msg, key);
  await ed25519.useBackend('noble');
  const nobleAnswer = await ed25519.verify(signature, msg, key);
  return [web, nobleAnswer, ed25519.verifySync(signature, msg, key)];
}

const refusedEverywhere = [false, false, false];

afterEach(() => ed25519.useBackend('auto'));

describe('Ed25519: one rule for every backend', () => {
  it('accepts an honest signature on every path (control)', async () => {
    expect(await answers(await ed25519.sign(message, secret), message, publicKey)).toEqual([true, true, true]);
  });

  it('refuses small-order public keys, even with R = identity and S = 0 (valid for any message under the bare equation)', async () => {
    const identityR = concatBytes(SMALL_ORDER[0]!, new Uint8Array(32));
    for (const key of SMALL_ORDER) {
      expect(noble.Point.fromBytes(key).isSmallOrder()).toBe(true);
      expect(await answers(identityR, message, key)).toEqual(refusedEverywhere);
      expect(await answers(identityR, utf8Encode('another message'), key)).toEqual(refusedEverywhere);
      for (const R of SMALL_ORDER) expect(await answers(concatBytes(R, new Uint8Array(32)), message, key)).toEqual(refusedEverywhere);
    }
  });

  it('refuses small-order R points under an honest key', async () => {
    const honest = await ed25519.sign(message, secret);
    for (const R of SMALL_ORDER) {
      expect(await answers(concatBytes(R, honest.subarray(32)), message, publicKey)).toEqual(refusedEverywhere);
      expect(await answers(concatBytes(R, new Uint8Array(32)), message, publicKey)).toEqual(refusedEverywhere);
    }
  });

  it('refuses non-canonical encodings of A and of R', async () => {
    expect(NON_CANONICAL.length).toBeGreaterThan(4);
    const honest = await ed25519.sign(message, secret);
    for (const encoding of NON_CANONICAL) {
      expect(await answers(concatBytes(SMALL_ORDER[0]!, new Uint8Array(32)), message, encoding)).toEqual(refusedEverywhere);
      expect(await answers(concatBytes(encoding, new Uint8Array(32)), message, encoding)).toEqual(refusedEverywhere);
      expect(await answers(concatBytes(encoding, honest.subarray(32)), message, publicKey)).toEqual(refusedEverywhere);
    }
  });

  it('refuses S ≥ L (an honest signature with S + L, and S = L)', async () => {
    const honest = await ed25519.sign(message, secret);
    const S = fromLE(honest.subarray(32));
    expect(await answers(concatBytes(honest.subarray(0, 32), toLE(S + L)), message, publicKey)).toEqual(refusedEverywhere);
    expect(await answers(concatBytes(honest.subarray(0, 32), toLE(L)), message, publicKey)).toEqual(refusedEverywhere);
    expect(await answers(concatBytes(honest.subarray(0, 32), toLE(2n ** 256n - 1n)), message, publicKey)).toEqual(refusedEverywhere);
  });

  it('gives one answer for a key with a torsion component (cofactored and cofactorless equations differ)', async () => {
    const { scalar, point } = noble.utils.getExtendedPublicKey(secret);
    const mixedKey = point.add(noble.Point.fromBytes(SMALL_ORDER[4]!)).toBytes();
    let refused = 0;
    for (let i = 0; i < 8; i++) {
      const msg = utf8Encode(`message ${i}`);
      // A signature made with the key's scalar for the mixed-order key: it satisfies the equation
      // multiplied by the cofactor, and the bare one only when k is a multiple of 8.
      const r = 1000n + BigInt(i);
      const R = noble.Point.BASE.multiply(r).toBytes();
      const k = fromLE(sha512(concatBytes(R, mixedKey, msg))) % L;
      const signature = concatBytes(R, toLE((r + k * scalar) % L));
      const [web, nobleAnswer, sync] = await answers(signature, msg, mixedKey);
      expect([nobleAnswer, sync]).toEqual([web, web]);
      expect(web).toBe(k % 8n === 0n);
      if (!web) refused++;
    }
    expect(refused).toBeGreaterThan(0);
  });
});
