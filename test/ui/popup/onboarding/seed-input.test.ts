import { entropyToMnemonic, generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { uiRequestSchemas } from '../../../../src/shared/ui-api';
import { mnemonicWords } from '../../../../src/core/mnemonic';
import { hexDigitsTyped, parseSeedInput } from '../../../../src/ui/popup/onboarding/seed-input';

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

describe('mnemonicWords (the core parser the popup uses)', () => {
  it('splits on any run of spaces, tabs or new lines, lower-cased, without empty words', () => {
    expect(mnemonicWords('  Abandon\tABOUT\n\n  zoo  ')).toEqual(['abandon', 'about', 'zoo']);
    expect(mnemonicWords(' \n\t ')).toEqual([]);
  });
});

describe('parseSeedInput: recovery phrases', () => {
  it('accepts a valid 12-word phrase', async () => {
    expect(await parseSeedInput('mnemonic', ABOUT)).toEqual({ ok: true, seed: { source: 'mnemonic', words: ABOUT } });
  });

  it('accepts a valid 24-word phrase', async () => {
    const words = generateMnemonic(wordlist, 256);
    expect(await parseSeedInput('mnemonic', words)).toEqual({ ok: true, seed: { source: 'mnemonic', words } });
  });

  it('sends the phrase as single-spaced lower-case words, however it was pasted', async () => {
    const pasted = `\n  ${ABOUT.toUpperCase().split(' ').join('   \t')}\n`;
    expect(await parseSeedInput('mnemonic', pasted)).toEqual({ ok: true, seed: { source: 'mnemonic', words: ABOUT } });
  });

  it('asks for the phrase when nothing was typed', async () => {
    expect(await parseSeedInput('mnemonic', '   ')).toEqual({ ok: false, error: 'Enter your recovery phrase.' });
  });

  it('says how many words it counted when the count is not 12 or 24', async () => {
    expect(await parseSeedInput('mnemonic', ABOUT.split(' ').slice(1).join(' '))).toEqual({
      ok: false,
      error: 'A recovery phrase has 12 or 24 words; this one has 11.',
    });
    const fifteen = entropyToMnemonic(new Uint8Array(20), wordlist);
    expect(await parseSeedInput('mnemonic', fifteen)).toEqual({ ok: false, error: 'A recovery phrase has 12 or 24 words; this one has 15.' });
  });

  it('names the first word that is not in the word list, counting from 1', async () => {
    const words = ABOUT.split(' ');
    words[4] = 'abandom';
    words[9] = 'xyz';
    expect(await parseSeedInput('mnemonic', words.join(' '))).toEqual({
      ok: false,
      error: 'Word 5 ("abandom") is not in the BIP39 English word list.',
    });
  });

  it('refuses known words whose checksum does not verify, such as a wrong order', async () => {
    const error = 'These words do not form a valid recovery phrase: check their order and spelling.';
    expect(await parseSeedInput('mnemonic', Array(12).fill('abandon').join(' '))).toEqual({ ok: false, error });
    expect(await parseSeedInput('mnemonic', `about ${Array(11).fill('abandon').join(' ')}`)).toEqual({ ok: false, error });
  });
});

describe('parseSeedInput: hex seeds', () => {
  it('accepts 16 and 32 bytes of hex, lower-cased, without a 0x prefix or surrounding spaces', async () => {
    const short = '0123456789ABCDEF0123456789abcdef';
    expect(await parseSeedInput('hex', `  0X${short}\n`)).toEqual({ ok: true, seed: { source: 'hex', hex: short.toLowerCase(), method: 'bip39' } });
    const long = 'f'.repeat(64);
    expect(await parseSeedInput('hex', long)).toEqual({ ok: true, seed: { source: 'hex', hex: long, method: 'bip39' } });
  });

  it('sends the seed method chosen (BIP39 by default) and the seed password only when one was typed', async () => {
    const hex = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
    expect(await parseSeedInput('hex', hex, { method: 'none', password: '' })).toEqual({ ok: true, seed: { source: 'hex', hex, method: 'none' } });
    expect(await parseSeedInput('hex', hex, { method: 'bip39', password: ' pass phrase ' })).toEqual({
      ok: true,
      seed: { source: 'hex', hex, method: 'bip39', password: ' pass phrase ' },
    });
  });

  it('refuses a seed password longer than 256 characters, about the password field and without quoting it', async () => {
    const hex = 'a'.repeat(32);
    const long = '🔑'.repeat(257);
    const parsed = await parseSeedInput('hex', hex, { method: 'bip39', password: long });
    expect(parsed).toEqual({ ok: false, error: 'A seed password is at most 256 characters.', field: 'password' });
    // 256 characters, some of them outside the BMP (two UTF-16 units each), are fine.
    expect((await parseSeedInput('hex', hex, { method: 'bip39', password: '🔑'.repeat(256) })).ok).toBe(true);
  });

  it('never quotes the seed in an error', async () => {
    for (const text of ['abcdef0123456789', 'zz' + 'a'.repeat(62), 'a'.repeat(66)]) {
      const parsed = await parseSeedInput('hex', text);
      if (parsed.ok) expect.fail('accepted');
      expect(parsed.error).not.toContain(text.slice(0, 8));
    }
  });

  it('asks for the seed when nothing (or only a prefix) was typed', async () => {
    expect(await parseSeedInput('hex', '')).toEqual({ ok: false, error: 'Enter the seed as hexadecimal.' });
    expect(await parseSeedInput('hex', ' 0x ')).toEqual({ ok: false, error: 'Enter the seed as hexadecimal.' });
  });

  it('refuses characters that are not hexadecimal, spaces inside included', async () => {
    const error = 'A hex seed uses only the characters 0–9 and a–f.';
    expect(await parseSeedInput('hex', 'g'.repeat(32))).toEqual({ ok: false, error });
    expect(await parseSeedInput('hex', `${'a'.repeat(16)} ${'b'.repeat(16)}`)).toEqual({ ok: false, error });
  });

  it('says how many characters it counted when the length is wrong', async () => {
    expect(await parseSeedInput('hex', 'a'.repeat(31))).toEqual({
      ok: false,
      error: 'A hex seed is 32 or 64 characters (16 or 32 bytes); this one has 31.',
    });
    expect(await parseSeedInput('hex', `0x${'a'.repeat(48)}`)).toEqual({
      ok: false,
      error: 'A hex seed is 32 or 64 characters (16 or 32 bytes); this one has 48.',
    });
  });

  it('does not read a phrase as hex or hex as a phrase', async () => {
    expect((await parseSeedInput('hex', ABOUT)).ok).toBe(false);
    expect((await parseSeedInput('mnemonic', 'a'.repeat(32))).ok).toBe(false);
  });
});

describe('what parseSeedInput accepts', () => {
  it('is accepted by the background as the seed of ui_addSeed', async () => {
    for (const [format, text] of [
      ['mnemonic', ABOUT],
      ['mnemonic', generateMnemonic(wordlist, 256)],
      ['hex', '0x' + 'A'.repeat(64)],
      ['hex', 'b'.repeat(32)],
    ] as const) {
      const parsed = await parseSeedInput(format, text);
      if (!parsed.ok) expect.fail(parsed.error);
      expect(uiRequestSchemas.ui_addSeed.parse({ seed: parsed.seed }, 'payload')).toEqual({ seed: parsed.seed });
    }
  });

  it('is accepted by the background with each seed method and a seed password of the longest length', async () => {
    for (const options of [
      { method: 'bip39', password: '' },
      { method: 'none', password: 'x'.repeat(256) },
    ] as const) {
      const parsed = await parseSeedInput('hex', 'c'.repeat(64), options);
      if (!parsed.ok) expect.fail(parsed.error);
      expect(uiRequestSchemas.ui_createWallet.parse({ password: 'pw', seed: parsed.seed }, 'payload')).toEqual({ password: 'pw', seed: parsed.seed });
    }
  });
});

describe('hexDigitsTyped', () => {
  it('counts the digits of the hex field without an 0x prefix or surrounding spaces', () => {
    expect(hexDigitsTyped('')).toBe(0);
    expect(hexDigitsTyped('  0x0a1b  ')).toBe(4);
    expect(hexDigitsTyped('a'.repeat(64))).toBe(64);
  });
});
