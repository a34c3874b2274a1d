import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import {
  deriveIoticsKey,
  hexToBytes,
  ioticsDidFromPublicKey,
  ioticsKeyPairFromPath,
  ioticsKeyPairFromSecret,
  ioticsMaster,
  ioticsPath,
  bytesToHex,
  base58Encode,
  base58Decode,
  assertIoticsSecretKey,
} from '../../../src/core/index';
import { caught } from '../fixtures';
import { ioticsVectors as V } from './vectors';

describe('IOTICS derivation: the library values', () => {
  it.each<[string, any]>(V.derivations.map((d: any) => [`${d.seedMethod} ${d.kind} ${JSON.stringify(d.keyName)}`, d] as [string, any]))(
    'derives %s exactly as the library',
    async (_name: string, d: any) => {
      expect(ioticsPath(d.kind, d.keyName)).toBe(d.path);
      const key = await deriveIoticsKey({ seed: hexToBytes(d.seedHex), kind: d.kind, keyName: d.keyName, method: d.seedMethod });
      expect(key.path).toBe(d.path);
      expect(key.publicKeyBase58).toBe(d.publicKeyBase58);
      expect(key.did).toBe(d.did);
      expect(key.publicKey.length).toBe(65);
      expect(key.publicKey[0]).toBe(0x04);
    },
  );

  it.each<[string, any]>(V.pathDerivations.vectors.map((d: any) => [`${d.seedMethod} ${d.path}`, d] as [string, any]))(
    'derives the path vector %s',
    async (_name: string, d: any) => {
      const master = await ioticsMaster(hexToBytes(d.seedHex), { method: d.seedMethod });
      const key = ioticsKeyPairFromPath(master, d.path);
      expect(key.publicKeyBase58).toBe(d.publicKeyBase58);
      expect(key.did).toBe(d.did);
    },
  );

  it('derives the identities of the document vectors', async () => {
    for (const identity of Object.values<any>(V.identities)) {
      const kind = identity.issuer.split('#')[1].replace(/-\d+$/, '');
      const key = await deriveIoticsKey({ seed: hexToBytes(identity.seedHex), kind, keyName: identity.keyName, method: identity.seedMethod });
      expect(key.publicKeyBase58).toBe(identity.publicKeyBase58);
      expect(key.did).toBe(identity.did);
      if (identity.secondKey) {
        const second = await deriveIoticsKey({ seed: hexToBytes(identity.seedHex), kind, keyName: identity.secondKey.keyName });
        expect(second.publicKeyBase58).toBe(identity.secondKey.publicKeyBase58);
      }
    }
  });

  it("matches the research note's intermediate values (master, scalar) for the BDD seed", async () => {
    const seed = hexToBytes('8e083334168ead990327d871d58d696aeb9f056a6fd7caddaed02d7d218cff51');
    const master = await ioticsMaster(seed);
    expect(bytesToHex(master)).toBe(
      '7026901ff27c556bc2c7412d0edd5080f74d187740a197979429e47a355a801837d7acd86891e2f5c319a9cd75bf820397ee3d455ba369943cb6dad4e94abb48',
    );
    expect(bytesToHex(ioticsKeyPairFromPath(master, 'iotics/0/user/#KeyUser1').secretKey)).toBe(
      '7e14beb81c39026c84e0698fe83faa5d2c0516484d6e1a26d08af06ae9091544',
    );
  });

  it('maps the private exponent "a"*64 to the library test key', () => {
    const key = ioticsKeyPairFromSecret(hexToBytes('a'.repeat(64)));
    expect(key.publicKeyBase58).toBe('PbNnn5VGAkos1X5gcduURAAj4J6e3Awe7Wy45TbKS1SNMTHTBsAG4pvJSfx7ui22zXKzdasQ3ym4idkD5b8YTwYh');
  });

  it('makes a DID from the 65-byte key: the key of the Go resolver test', () => {
    const publicKey = base58Decode('RGjzL58fgxvVqGR2jnXEfBfS3Wx4dvMBtx74QYpNmCxtwFx2m56qJPdyNWkVwuPR8k6ZPvu297Vzi9CYSPu7i2gh');
    expect(ioticsDidFromPublicKey(publicKey)).toBe('did:iotics:iotYJuJs2V31BHc5HvVRM3Aa5T2BD5Q9v3Rq');
  });
});

describe('IOTICS derivation: what it refuses', () => {
  it('refuses, never reduces, a secret of 0 or at least n', async () => {
    const n = secp256k1.Point.CURVE().n;
    const hex = (x: bigint) => hexToBytes(x.toString(16).padStart(64, '0'));
    for (const bad of [0n, n, n + 1n, 2n ** 256n - 1n]) {
      const error = await caught(() => assertIoticsSecretKey(hex(bad)));
      expect(error.code).toBe('INVALID_KEY');
      expect(error.message).toMatch(/between 1 and n−1/);
      expect((await caught(() => ioticsKeyPairFromSecret(hex(bad)))).code).toBe('INVALID_KEY');
    }
    expect(base58Encode(ioticsKeyPairFromSecret(hex(n - 1n)).publicKey).length).toBeGreaterThan(80);
  });

  it('checks seed lengths per method and the seed password', async () => {
    for (const length of [16, 20, 24, 28, 32]) await expect(ioticsMaster(new Uint8Array(length).fill(1))).resolves.toHaveLength(64);
    for (const length of [15, 17, 33, 64]) {
      const error = await caught(() => ioticsMaster(new Uint8Array(length)));
      expect(error).toMatchObject({ code: 'INVALID_SEED', message: 'a bip39 seed must be 16, 20, 24, 28 or 32 bytes' });
    }
    await expect(ioticsMaster(new Uint8Array(17), { method: 'none' })).resolves.toHaveLength(64);
    await expect(ioticsMaster(new Uint8Array(64), { method: 'none' })).resolves.toHaveLength(64);
    expect((await caught(() => ioticsMaster(new Uint8Array(15), { method: 'none' }))).message).toMatch(/at least 16 bytes/);
    expect((await caught(() => ioticsMaster(new Uint8Array(16), { method: 'x' as never }))).message).toBe('seed method must be bip39 or none');
    const seed = hexToBytes('00112233445566778899aabbccddeeff');
    const plain = await deriveIoticsKey({ seed, kind: 'user', keyName: 'k' });
    const withPassword = await deriveIoticsKey({ seed, kind: 'user', keyName: 'k', password: 'p' });
    const noneWithPassword = await deriveIoticsKey({ seed, kind: 'user', keyName: 'k', method: 'none', password: 'p' });
    expect(new Set([plain.did, withPassword.did, noneWithPassword.did]).size).toBe(3);
  });

  it('refuses an empty key name and an unknown kind', async () => {
    expect((await caught(() => ioticsPath('user', ''))).code).toBe('INVALID_KEY_NAME');
    expect((await caught(() => ioticsPath('host' as never, 'x'))).code).toBe('INVALID_PARAMS');
  });
});
