import { describe, expect, it } from 'vitest';
import { seedLongText, seedShortText } from '../../../src/ui/components/seed-text';

describe('seedShortText (the seed choice of the create forms)', () => {
  it('gives the phrase length of a BIP39 seed, as before IOTICS seeds existed', () => {
    expect(seedShortText({ words: 24, method: 'bip39', hasPassword: false })).toBe('24 words');
    expect(seedShortText({ words: 12, method: 'bip39', hasPassword: false })).toBe('12 words');
  });

  it('says when a seed uses the legacy method or a seed password, which change every key', () => {
    expect(seedShortText({ words: null, method: 'none', hasPassword: false })).toBe('hex, legacy method');
    expect(seedShortText({ words: 24, method: 'bip39', hasPassword: true })).toBe('24 words, seed password');
    expect(seedShortText({ words: null, method: 'none', hasPassword: true })).toBe('hex, legacy method, seed password');
  });
});

describe('seedLongText (Settings → Seeds)', () => {
  it('names the length, the origin, the method and a seed password', () => {
    expect(seedLongText({ words: 24, origin: 'created', method: 'bip39', hasPassword: false })).toBe('24 words, created in Sigil, BIP39');
    expect(seedLongText({ words: 24, origin: 'hex', method: 'bip39', hasPassword: true })).toBe('24 words, imported hex seed, BIP39, with a seed password');
    expect(seedLongText({ words: null, origin: 'hex', method: 'none', hasPassword: false })).toBe('no recovery phrase, imported hex seed, legacy method “none”');
  });
});
