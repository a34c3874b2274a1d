import { afterEach, describe, expect, it } from 'vitest';
import { bytesToHex, ed25519, hexToBytes, utf8Encode } from '../../src/core/index';
import { caught } from './fixtures';

// RFC 8032 §7.1, tests 1-3.
const RFC8032 = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

afterEach(() => ed25519.useBackend('auto'));

describe('Ed25519', () => {
  it('uses WebCrypto in Node 20', async () => {
    expect(await ed25519.backend()).toBe('webcrypto');
  });

  for (const backend of ['webcrypto', 'noble'] as const) {
    it(`reproduces RFC 8032 with the ${backend} backend`, async () => {
      await ed25519.useBackend(backend);
      for (const v of RFC8032) {
        const secret = hexToBytes(v.secret);
        const message = hexToBytes(v.message);
        expect(bytesToHex(await ed25519.getPublicKey(secret))).toBe(v.public);
        expect(bytesToHex(await ed25519.sign(message, secret))).toBe(v.signature);
        expect(await ed25519.verify(hexToBytes(v.signature), message, hexToBytes(v.public))).toBe(true);
      }
    });
  }

  it('gives identical bytes on the async backends and the sync path', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const message = utf8Encode('did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3');
    const web = await ed25519.sign(message, secret);
    await ed25519.useBackend('noble');
    const noble = await ed25519.sign(message, secret);
    expect(web).toEqual(noble);
    expect(ed25519.signSync(message, secret)).toEqual(web);
    expect(ed25519.getPublicKeySync(secret)).toEqual(await ed25519.getPublicKey(secret));
    expect(ed25519.verifySync(web, message, ed25519.getPublicKeySync(secret))).toBe(true);
  });

  it('refuses tampered signatures, messages and keys on every path', async () => {
    const v = RFC8032[2]!;
    const signature = hexToBytes(v.signature);
    const message = hexToBytes(v.message);
    const publicKey = hexToBytes(v.public);
    const tamperedSignature = signature.slice();
    tamperedSignature[10]! ^= 1;
    const tamperedMessage = message.slice();
    tamperedMessage[0]! ^= 1;
    const otherKey = hexToBytes(RFC8032[1]!.public);
    for (const backend of ['webcrypto', 'noble'] as const) {
      await ed25519.useBackend(backend);
      expect(await ed25519.verify(tamperedSignature, message, publicKey)).toBe(false);
      expect(await ed25519.verify(signature, tamperedMessage, publicKey)).toBe(false);
      expect(await ed25519.verify(signature, message, otherKey)).toBe(false);
      expect(await ed25519.verify(signature.subarray(0, 63), message, publicKey)).toBe(false);
      expect(await ed25519.verify(signature, message, new Uint8Array(32).fill(0xff))).toBe(false);
    }
    expect(ed25519.verifySync(tamperedSignature, message, publicKey)).toBe(false);
  });

  it('validates secret key length', async () => {
    expect((await caught(() => ed25519.sign(new Uint8Array(1), new Uint8Array(31)))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => ed25519.getPublicKey(new Uint8Array(64)))).code).toBe('INVALID_PARAMS');
  });
});
