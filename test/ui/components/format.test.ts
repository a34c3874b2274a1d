import { describe, expect, it } from 'vitest';
import { shortDid, shortHash, shortKey } from '../../../src/ui/components/format';
import { DID_A, DID_B } from '../../shared/support';

describe('shortDid', () => {
  it('drops the method and keeps the start and the end of the identifier', () => {
    const id = DID_A.slice('did:iotics:'.length);
    const short = shortDid(DID_A);
    expect(short).toBe(`${id.slice(0, 9)}…${id.slice(-5)}`);
    expect(short.startsWith('iot')).toBe(true);
    expect(short).not.toContain('did:iotics:');
  });

  it('tells two DIDs apart', () => {
    expect(shortDid(DID_A)).not.toBe(shortDid(DID_B));
  });

  it('leaves an identifier of up to 16 characters whole', () => {
    expect(shortDid('did:iotics:iotShort')).toBe('iotShort');
    expect(shortDid('abc')).toBe('abc');
  });
});

describe('shortHash', () => {
  it('keeps the first 8 and the last 6 characters of a long hash', () => {
    const hash = '0123456789abcdef'.repeat(4);
    expect(shortHash(hash)).toBe('01234567…abcdef');
  });

  it('leaves a hash of up to 16 characters whole', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789abcdef');
  });
});

describe('shortKey', () => {
  // An IOTICS owner key: base58 of a 65-byte secp256k1 key (vectors/iotics.json shape).
  const key = 'RUyBCKMNQ6HJWVz6Ka9pXX8rdvTuc3D7kwSJj5vAvvdCeaWpYyxoNuB3BrFFfkPkaZ4eWHm6rXMsJkMXjYNhMH1y';

  it('keeps the first 10 and the last 6 characters of a long key', () => {
    expect(shortKey(key)).toBe(`${key.slice(0, 10)}…${key.slice(-6)}`);
  });

  it('leaves a key of up to 20 characters whole', () => {
    expect(shortKey('abcdefghij0123456789')).toBe('abcdefghij0123456789');
  });
});
