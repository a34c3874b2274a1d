/** Reads what a person typed to import a seed: a BIP39 English phrase (12 or 24 words) or hex entropy. */
import type { SeedSource } from '../../../shared/ui-api';

export type SeedFormat = 'mnemonic' | 'hex';

export type ParsedSeed = { ok: true; seed: SeedSource } | { ok: false; error: string };

export function normaliseWords(text: string): string[] {
  return text.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

export async function parseSeedInput(format: SeedFormat, text: string): Promise<ParsedSeed> {
  if (format === 'hex') {
    const hex = text.trim().replace(/^0x/i, '').toLowerCase();
    if (hex.length === 0) return { ok: false, error: 'Enter the seed as hexadecimal.' };
    if (!/^[0-9a-f]*$/.test(hex)) return { ok: false, error: 'A hex seed uses only the characters 0–9 and a–f.' };
    if (hex.length !== 32 && hex.length !== 64) return { ok: false, error: `A hex seed is 32 or 64 characters (16 or 32 bytes); this one has ${hex.length}.` };
    return { ok: true, seed: { source: 'hex', hex } };
  }
  const words = normaliseWords(text);
  if (words.length === 0) return { ok: false, error: 'Enter your recovery phrase.' };
  if (words.length !== 12 && words.length !== 24) return { ok: false, error: `A recovery phrase has 12 or 24 words; this one has ${words.length}.` };
  // Loaded only here: the word list is not needed anywhere else in the popup.
  const [{ validateMnemonic }, { wordlist }] = await Promise.all([import('@scure/bip39'), import('@scure/bip39/wordlists/english.js')]);
  const unknown = words.findIndex((word) => !wordlist.includes(word));
  if (unknown >= 0) return { ok: false, error: `Word ${unknown + 1} ("${words[unknown]}") is not in the BIP39 English word list.` };
  if (!validateMnemonic(words.join(' '), wordlist)) return { ok: false, error: 'These words do not form a valid recovery phrase: check their order and spelling.' };
  return { ok: true, seed: { source: 'mnemonic', words: words.join(' ') } };
}
