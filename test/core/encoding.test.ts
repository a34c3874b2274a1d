import { describe, expect, it } from 'vitest';
import {
  base58Decode,
  base58Encode,
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  bytesToHex,
  hexToBytes,
  utf8Decode,
  utf8Encode,
} from '../../src/core/index';
import { caught } from './fixtures';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('base58', () => {
  it('round-trips with the Bitcoin alphabet and keeps leading zeros', () => {
    expect(base58Encode(bytes(0, 0, 1))).toBe('112');
    expect(base58Encode(utf8Encode('hello world'))).toBe('StV1DL6CwTryKyV');
    expect(utf8Decode(base58Decode('StV1DL6CwTryKyV'))).toBe('hello world');
    expect(base58Decode('112')).toEqual(bytes(0, 0, 1));
  });

  it('rejects characters outside the alphabet and empty input', async () => {
    for (const bad of ['0OIl', 'abc+', '', ' 112', '112\n']) expect((await caught(() => base58Decode(bad))).code).toBe('INVALID_ENCODING');
  });

  it('refuses over-long text before decoding it (decoding is quadratic in the length)', async () => {
    expect(base58Encode(base58Decode('2'.repeat(128)))).toBe('2'.repeat(128));
    for (const length of [129, 100_000, 1_000_000]) {
      expect((await caught(() => base58Decode('2'.repeat(length)))).message).toBe('invalid base58 string (1 to 128 characters)');
    }
    expect((await caught(() => base58Decode('2'.repeat(56), 55))).code).toBe('INVALID_ENCODING');
  });
});

describe('base64 and base64url', () => {
  it('matches RFC 4648 test vectors', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(base64Encode(utf8Encode(plain))).toBe(encoded);
      expect(utf8Decode(base64Decode(encoded))).toBe(plain);
      expect(base64urlEncode(utf8Encode(plain))).toBe(encoded.replace(/=+$/, ''));
      expect(utf8Decode(base64urlDecode(encoded.replace(/=+$/, '')))).toBe(plain);
    }
  });

  it('agrees with Node for random bytes in both alphabets', () => {
    for (let length = 0; length < 70; length++) {
      const data = crypto.getRandomValues(new Uint8Array(length));
      expect(base64Encode(data)).toBe(Buffer.from(data).toString('base64'));
      expect(base64urlEncode(data)).toBe(Buffer.from(data).toString('base64url'));
      expect(base64Decode(base64Encode(data))).toEqual(data);
      expect(base64urlDecode(base64urlEncode(data))).toEqual(data);
    }
  });

  it('accepts only the canonical form', async () => {
    for (const bad of ['Zg', 'Zg=', 'Zh==', 'Zm9v=', 'Zm 9v', 'Zm9v_w==', '====', 'A===', ' Zm9v', 'Zm9v\n', 'Zg==Zg==']) {
      expect((await caught(() => base64Decode(bad))).code, bad).toBe('INVALID_ENCODING');
    }
    for (const bad of ['Zg==', 'Zh', 'Zm9v+w', 'A']) {
      expect((await caught(() => base64urlDecode(bad))).code, bad).toBe('INVALID_ENCODING');
    }
  });
});

describe('hex and UTF-8', () => {
  it('round-trips hex strictly', async () => {
    expect(bytesToHex(bytes(0, 15, 255))).toBe('000fff');
    expect(hexToBytes('000FfF')).toEqual(bytes(0, 15, 255));
    for (const bad of ['0', 'zz', '0x00', ' 00', '00\n']) expect((await caught(() => hexToBytes(bad))).code).toBe('INVALID_ENCODING');
  });

  it('rejects invalid UTF-8', async () => {
    expect(utf8Decode(utf8Encode('déjà vu ✓'))).toBe('déjà vu ✓');
    expect((await caught(() => utf8Decode(bytes(0xff, 0xfe)))).code).toBe('INVALID_ENCODING');
  });
});
