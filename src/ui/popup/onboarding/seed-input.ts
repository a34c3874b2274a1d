/**
 * Reads what a person typed to import a seed: a BIP39 English phrase (12 or 24 words) or hex entropy
 * (the IOTICS way, with its seed method and optional seed password, DESIGN §2.8).
 * The parsing is the core's (src/core/mnemonic.ts); this module only words its findings for people.
 */
import type { SeedSource } from '../../../shared/ui-api';

export type SeedFormat = 'mnemonic' | 'hex';
export type SeedMethod = 'bip39' | 'none';

/** How the IOTICS libraries turn a hex seed into keys: BIP39 (their default) or the legacy method "none". */
export interface HexSeedOptions {
  method: SeedMethod;
  /** Optional; empty means none. */
  password: string;
}

export const DEFAULT_HEX_OPTIONS: HexSeedOptions = { method: 'bip39', password: '' };
/** The background's bound on a seed password (src/background/vault/secrets.ts). */
export const SEED_PASSWORD_MAX_CHARS = 256;

/** A failure names the field it is about when that is not the seed itself. */
export type ParsedSeed = { ok: true; seed: SeedSource } | { ok: false; error: string; field?: 'password' };

/** How many digits a hex seed field holds (an 0x prefix and surrounding spaces not counted), for a hint that never shows them. */
export const hexDigitsTyped = (text: string): number => text.trim().replace(/^0x/i, '').length;

// Loaded only when a seed is read: the word list is not needed anywhere else in the popup.
const loadParser = () => import('../../../core/mnemonic');

export async function parseSeedInput(format: SeedFormat, text: string, hexOptions: HexSeedOptions = DEFAULT_HEX_OPTIONS): Promise<ParsedSeed> {
  const { mnemonicWords, readMnemonic, readSeedHex } = await loadParser();
  if (format === 'hex') {
    const read = readSeedHex(text);
    if (!('problem' in read)) {
      if ([...hexOptions.password].length > SEED_PASSWORD_MAX_CHARS)
        return { ok: false, error: `A seed password is at most ${SEED_PASSWORD_MAX_CHARS} characters.`, field: 'password' };
      const password = hexOptions.password ? { password: hexOptions.password } : {};
      return { ok: true, seed: { source: 'hex', hex: read.hex, method: hexOptions.method, ...password } };
    }
    if (read.problem === 'empty') return { ok: false, error: 'Enter the seed as hexadecimal.' };
    if (read.problem === 'characters') return { ok: false, error: 'A hex seed uses only the characters 0–9 and a–f.' };
    return { ok: false, error: `A hex seed is 32 or 64 characters (16 or 32 bytes); this one has ${read.digits}.` };
  }
  const read = readMnemonic(text);
  if (!('problem' in read)) return { ok: true, seed: { source: 'mnemonic', words: read.words.join(' ') } };
  if (read.problem === 'word-count')
    return read.count === 0
      ? { ok: false, error: 'Enter your recovery phrase.' }
      : { ok: false, error: `A recovery phrase has 12 or 24 words; this one has ${read.count}.` };
  if (read.problem === 'unknown-word') {
    const word = mnemonicWords(text)[read.index];
    return { ok: false, error: `Word ${read.index + 1} ("${word}") is not in the BIP39 English word list.` };
  }
  return { ok: false, error: 'These words do not form a valid recovery phrase: check their order and spelling.' };
}
