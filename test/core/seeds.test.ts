import { describe, expect, it } from 'vitest';
import {
  base58Encode,
  bytesToHex,
  derivationPath,
  deriveEntityKeys,
  deriveKey,
  deriveSecretKey,
  didFromPublicKey,
  entropyToMaster,
  entropyToMnemonic,
  generateSeed,
  hexToBytes,
  isValidMnemonic,
  mnemonicToEntropy,
  mnemonicToMaster,
  normalizeMnemonic,
  mnemonicWords,
  parseSeedHex,
  readMnemonic,
  readSeedHex,
  validateKeyName,
} from '../../src/core/index';
import { caught, sigilVectors } from './fixtures';

const derivation = sigilVectors.derivation;

describe('seeds and mnemonics', () => {
  it('reproduces the BIP39 vector (with its passphrase)', async () => {
    for (const v of sigilVectors.bip39) {
      expect(entropyToMnemonic(hexToBytes(v.entropy_hex))).toBe(v.mnemonic);
      expect(bytesToHex(mnemonicToEntropy(v.mnemonic))).toBe(v.entropy_hex);
      expect(bytesToHex(await mnemonicToMaster(v.mnemonic, v.passphrase))).toBe(v.seed_hex);
    }
  });

  it('reproduces the Sigil seed: entropy ⇄ 24 words → master', async () => {
    const entropy = hexToBytes(derivation.entropy_hex);
    expect(entropyToMnemonic(entropy)).toBe(derivation.mnemonic);
    expect(bytesToHex(mnemonicToEntropy(derivation.mnemonic))).toBe(derivation.entropy_hex);
    expect(bytesToHex(await mnemonicToMaster(derivation.mnemonic))).toBe(derivation.master_hex);
    expect(bytesToHex(await entropyToMaster(entropy))).toBe(derivation.master_hex);
    expect(bytesToHex(await entropyToMaster(parseSeedHex(derivation.entropy_hex)))).toBe(derivation.master_hex);
  });

  it('normalises case and whitespace of a mnemonic', async () => {
    const messy = `  ${derivation.mnemonic.toUpperCase().split(' ').join(' \n\t ')} `;
    expect(normalizeMnemonic(messy)).toBe(derivation.mnemonic);
    expect(bytesToHex(await mnemonicToMaster(messy))).toBe(derivation.master_hex);
  });

  it('rejects a bad checksum with a clear message that does not echo the words', async () => {
    const words = derivation.mnemonic.split(' ');
    words[23] = words[23] === 'zoo' ? 'abandon' : 'zoo';
    const bad = words.join(' ');
    expect(isValidMnemonic(bad)).toBe(false);
    const error = await caught(() => mnemonicToEntropy(bad));
    expect(error).toMatchObject({
      code: 'INVALID_MNEMONIC',
      message: 'mnemonic checksum does not match: check the words and their order',
    });
    expect((await caught(() => mnemonicToMaster(bad))).code).toBe('INVALID_MNEMONIC');
  });

  it('rejects wrong word counts and unknown words by position', async () => {
    const words = derivation.mnemonic.split(' ');
    expect((await caught(() => mnemonicToEntropy(words.slice(0, 15).join(' ')))).message).toBe(
      'mnemonic must have 12 or 24 words, got 15',
    );
    const unknown = [...words];
    unknown[2] = 'sigilword';
    const error = await caught(() => mnemonicToEntropy(unknown.join(' ')));
    expect(error.message).toBe('mnemonic word 3 is not in the BIP39 English word list');
    expect(error.message).not.toContain('sigilword');
  });

  it('parses hex seeds of 16 or 32 bytes only', async () => {
    expect(parseSeedHex(`0x${'ab'.repeat(16)}`)).toHaveLength(16);
    expect(parseSeedHex('AB'.repeat(32))).toHaveLength(32);
    for (const bad of ['ab'.repeat(20), 'zz'.repeat(16), '', 'ab'.repeat(64)])
      expect((await caught(() => parseSeedHex(bad))).code).toBe('INVALID_SEED');
    expect((await caught(() => entropyToMnemonic(new Uint8Array(20)))).code).toBe('INVALID_SEED');
  });

  it('generates distinct 32-byte seeds with 24-word mnemonics', () => {
    const a = generateSeed();
    const b = generateSeed();
    expect(a).toHaveLength(32);
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
    expect(entropyToMnemonic(a).split(' ')).toHaveLength(24);
    expect(entropyToMnemonic(generateSeed().subarray(0, 16)).split(' ')).toHaveLength(12);
  });
});

describe('key derivation', () => {
  it.each(derivation.keys.map((k: any) => [k.path, k]) as [string, any][])('%s', async (_, k: any) => {
    const master = hexToBytes(derivation.master_hex);
    const key = await deriveKey(master, k);
    expect(key.path).toBe(k.path);
    expect(derivationPath(k)).toBe(k.path);
    expect(key.idpub).toBe(k.idpub);
    expect(base58Encode(key.publicKey)).toBe(k.publicKeyBase58);
    expect(deriveSecretKey(master, k)).toEqual(key.secretKey);
    if (k.did) expect(didFromPublicKey(key.publicKey)).toBe(k.did);
  });

  it('derives the three genesis keys of an entity', async () => {
    const keys = await deriveEntityKeys(hexToBytes(derivation.master_hex), 'user', 'alice');
    expect(keys.map((k) => k.idpub)).toEqual(derivation.keys.slice(0, 3).map((k: any) => k.idpub));
  });

  it('gives different keys for every component of the path', async () => {
    const master = hexToBytes(derivation.master_hex);
    const base = { kind: 'user', keyName: 'alice', priority: 0, generation: 0 } as const;
    const variants = [base, { ...base, kind: 'twin' }, { ...base, keyName: 'alicf' }, { ...base, priority: 3 }, { ...base, generation: 9 }] as const;
    const hexes = variants.map((v) => bytesToHex(deriveSecretKey(master, v)));
    expect(new Set(hexes).size).toBe(variants.length);
  });

  it('applies NFKD to the path', () => {
    const master = hexToBytes(derivation.master_hex);
    const composed = { kind: 'user', keyName: 'caf\u00e9', priority: 0, generation: 0 } as const;
    const decomposed = { ...composed, keyName: 'cafe\u0301' };
    expect(deriveSecretKey(master, composed)).toEqual(deriveSecretKey(master, decomposed));
  });

  it('enforces the key name rules without echoing the name', async () => {
    validateKeyName('a');
    validateKeyName('x'.repeat(64));
    validateKeyName('ü'.repeat(64));
    const cases: [unknown, string][] = [
      ['', 'key name must be 1 to 64 characters, got 0'],
      ['x'.repeat(65), 'key name must be 1 to 64 characters, got 65'],
      ['secret/name', 'key name must not contain "/"'],
      ['secret\uff0fname', 'key name must not contain "/"'],
      ['secret\nname', 'key name must not contain control characters'],
      ['secret\u0000', 'key name must not contain control characters'],
      ['secret\u007f', 'key name must not contain control characters'],
      [42, 'key name must be a string'],
    ];
    for (const [name, message] of cases) {
      const error = await caught(() => validateKeyName(name));
      expect(error).toMatchObject({ code: 'INVALID_KEY_NAME', message });
    }
    const master = hexToBytes(derivation.master_hex);
    expect((await caught(() => deriveKey(master, { kind: 'user', keyName: 'a/b', priority: 0, generation: 0 }))).code).toBe(
      'INVALID_KEY_NAME',
    );
  });

  it('validates kind, indexes and the master', async () => {
    const master = hexToBytes(derivation.master_hex);
    const base = { kind: 'user', keyName: 'alice', priority: 0, generation: 0 } as const;
    expect((await caught(() => deriveSecretKey(master, { ...base, kind: 'robot' as never }))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => deriveSecretKey(master, { ...base, priority: -1 }))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => deriveSecretKey(master, { ...base, generation: 1.5 }))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => deriveSecretKey(master.subarray(0, 32), base))).code).toBe('INVALID_SEED');
  });
});

describe('the one mnemonic and hex-seed parser (core, popup and CLI read seeds the same way)', () => {
  const about = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

  it('readMnemonic gives the words and entropy, or says what is wrong', () => {
    const read = readMnemonic(`  ${about.toUpperCase().replaceAll(' ', '\n\t')} `);
    expect(read).toEqual({ words: about.split(' '), entropy: new Uint8Array(16) });
    expect(readMnemonic('')).toEqual({ problem: 'word-count', count: 0 });
    expect(readMnemonic(about.replace('about', 'abandon abandon'))).toEqual({ problem: 'word-count', count: 13 });
    expect(readMnemonic(about.replace('about', 'aboot'))).toEqual({ problem: 'unknown-word', index: 11 });
    expect(readMnemonic(about.replace('about', 'abandon'))).toEqual({ problem: 'checksum' });
    expect(mnemonicWords(' a  b\nc ')).toEqual(['a', 'b', 'c']);
  });

  it('readSeedHex gives lower-case digits and entropy, or says what is wrong', () => {
    expect(readSeedHex(` 0X${'AB'.repeat(16)}\n`)).toEqual({ hex: 'ab'.repeat(16), entropy: new Uint8Array(16).fill(0xab) });
    expect(readSeedHex(' 0x ')).toEqual({ problem: 'empty' });
    expect(readSeedHex(`${'a'.repeat(16)} ${'b'.repeat(16)}`)).toEqual({ problem: 'characters' });
    expect(readSeedHex('a'.repeat(48))).toEqual({ problem: 'length', digits: 48 });
  });
});
