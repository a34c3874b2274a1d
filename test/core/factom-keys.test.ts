import { describe, expect, it } from 'vitest';
import {
  base58Decode,
  base58Encode,
  bytesToHex,
  decodeFactomKey,
  decodeIdpub,
  decodeIdsec,
  ed25519,
  encodeIdpub,
  encodeIdsec,
  inspectFactomKey,
  isIdpub,
} from '../../src/core/index';
import { caught, factomVectors } from './fixtures';

const keyVectors = factomVectors.vectors.filter((v: any) => v.inputs.idsec);

describe('Factom idpub / idsec', () => {
  it.each(keyVectors.map((v: any) => [v.description, v]) as [string, any][])('%s', async (_, v: any) => {
    const seed = decodeIdsec(v.inputs.idsec);
    expect(bytesToHex(seed)).toBe(v.expected_outputs.seed_hex);
    const publicKey = await ed25519.getPublicKey(seed);
    expect(bytesToHex(publicKey)).toBe(v.expected_outputs.public_key_hex);
    expect(encodeIdpub(publicKey)).toBe(v.expected_outputs.idpub);
    expect(encodeIdsec(seed)).toBe(v.inputs.idsec);
    expect(bytesToHex(decodeIdpub(v.expected_outputs.idpub))).toBe(v.expected_outputs.public_key_hex);
    expect(isIdpub(v.expected_outputs.idpub)).toBe(v.expected_outputs.idpub_checksum_valid);
    const info = await inspectFactomKey(v.inputs.idsec);
    expect(info).toMatchObject({ kind: 'idsec', idpub: v.expected_outputs.idpub });
    expect(v.inputs.idsec).toHaveLength(55);
  });

  it('rejects the corrupted-checksum idpub of the JS SDK test', async () => {
    const v = factomVectors.vectors.find((x: any) => x.expected_outputs.checksum_valid === false);
    expect(isIdpub(v.inputs.key)).toBe(false);
    const error = await caught(() => decodeIdpub(v.inputs.key));
    expect(error).toMatchObject({ code: 'INVALID_KEY', message: 'idpub key checksum does not match' });
  });

  it('rejects a wrong prefix, with a message that does not repeat the key', async () => {
    const raw = base58Decode(factomVectors.vectors[0].inputs.idsec);
    raw[4]! ^= 1;
    const error = await caught(() => decodeFactomKey(base58Encode(raw)));
    expect(error.message).toBe('key has an unknown prefix (expected idpub or idsec)');
    // An idsec where an idpub is expected: named, never echoed.
    const secret = factomVectors.vectors[0].inputs.idsec;
    const wrongKind = await caught(() => decodeIdpub(secret));
    expect(wrongKind.message).toBe('expected an idpub key, got an idsec key');
    expect(wrongKind.message).not.toContain(secret);
  });

  it('rejects a wrong length and non-base58 text', async () => {
    const raw = base58Decode(factomVectors.vectors[0].expected_outputs.idpub);
    const wrongLength = 'key must be exactly 55 base58 characters, nothing around them';
    expect((await caught(() => decodeIdpub(base58Encode(raw.subarray(0, 40))))).message).toBe(wrongLength);
    expect((await caught(() => decodeIdpub(base58Encode(new Uint8Array([...raw, 0])))))).toMatchObject({ message: wrongLength });
    // 55 characters that hold only 40 bytes.
    const short = base58Encode(new Uint8Array(40).fill(0xff));
    expect(short).toHaveLength(55);
    expect((await caught(() => decodeIdpub(short))).message).toBe('key must decode to 41 bytes, got 40');
    expect((await caught(() => decodeIdpub(`idpub0OIl${'1'.repeat(46)}`)))).toMatchObject({ message: 'key is not valid base58' });
    expect((await caught(() => decodeIdpub('idpub0OIl')))).toMatchObject({ message: wrongLength });
    expect((await caught(() => encodeIdpub(new Uint8Array(31))))).toMatchObject({ code: 'INVALID_KEY' });
  });

  it('detects a flipped checksum byte in an idsec without leaking it', async () => {
    const secret = factomVectors.vectors[1].inputs.idsec;
    const raw = base58Decode(secret);
    raw[40]! ^= 0x80;
    const error = await caught(() => decodeIdsec(base58Encode(raw)));
    expect(error.message).toBe('idsec key checksum does not match');
  });
});
