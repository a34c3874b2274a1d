import { describe, expect, it } from 'vitest';
import {
  base58Decode,
  base58Encode,
  checkDid,
  decodeIdpub,
  didFromPublicKey,
  didMatchesPublicKey,
  isValidDid,
  parseDid,
  parseDidUrl,
} from '../../src/core/index';
import { caught, sigilVectors } from './fixtures';

describe('did:iotics', () => {
  it.each(sigilVectors.iotics_did_checksum.map((v: any) => [v.did, v.valid]) as [string, boolean][])('%s is valid: %s', (did, valid) => {
    expect(isValidDid(did)).toBe(valid);
    expect(checkDid(did).valid).toBe(valid);
  });

  it('reports a bad checksum by name', async () => {
    const bad = sigilVectors.iotics_did_checksum.find((v: any) => !v.valid).did;
    expect(await caught(() => parseDid(bad))).toMatchObject({ code: 'INVALID_DID', message: 'DID checksum does not match' });
  });

  it('derives the DIDs of the derivation vector from their priority-0 keys', () => {
    for (const key of sigilVectors.derivation.keys.filter((k: any) => k.did)) {
      const did = didFromPublicKey(decodeIdpub(key.idpub));
      expect(did).toBe(key.did);
      expect(did).toHaveLength('did:iotics:'.length + 3 + 33);
      expect(didMatchesPublicKey(did, decodeIdpub(key.idpub))).toBe(true);
      expect(parseDid(did).keyHash).toHaveLength(20);
    }
  });

  it('rejects a wrong method, length, alphabet or version bytes', async () => {
    const good = sigilVectors.iotics_did_checksum[0].did as string;
    for (const bad of [
      good.replace('did:iotics:', 'did:example:'),
      good.slice(0, -1),
      `${good}1`,
      good.replace(/.$/, '0'),
      good.replace('iot', 'iou'),
    ])
      expect((await caught(() => parseDid(bad))).code, bad).toBe('INVALID_DID');
    // Right length and pattern, but other version bytes than 05 55 59.
    const raw = base58Decode(good.slice('did:iotics:'.length));
    raw[2]! ^= 1;
    const other = `did:iotics:${base58Encode(raw)}`;
    expect(isValidDid(other)).toBe(false);
  });

  it('splits DID URLs and checks the DID part', async () => {
    const good = sigilVectors.iotics_did_checksum[0].did;
    expect(parseDidUrl(`${good}#agent-2-0`)).toEqual({ did: good, fragment: '#agent-2-0' });
    expect((await caught(() => parseDidUrl(good))).code).toBe('INVALID_DID');
    expect((await caught(() => parseDidUrl(`${good}#`))).code).toBe('INVALID_DID');
    const bad = sigilVectors.iotics_did_checksum[2].did;
    expect((await caught(() => parseDidUrl(`${bad}#agent-2-0`))).message).toBe('DID checksum does not match');
  });
});
