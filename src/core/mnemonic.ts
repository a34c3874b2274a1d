/** Seeds as BIP39 English mnemonics and hex (DESIGN §2.1). */
import { entropyToMnemonic as bip39EntropyToMnemonic, mnemonicToEntropy as bip39MnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bufferSource, hexToBytes, randomBytes, utf8Encode } from './bytes';
import { CoreError } from './errors';

export const SEED_BYTES = 32;
const WORDS = new Set(wordlist);
const ALLOWED_ENTROPY = [16, 32];

function assertEntropy(entropy: unknown): asserts entropy is Uint8Array {
  if (!(entropy instanceof Uint8Array) || !ALLOWED_ENTROPY.includes(entropy.length))
    throw new CoreError('INVALID_SEED', 'seed must be 16 or 32 bytes');
}

/** A new seed: 32 bytes of entropy from the platform's CSPRNG. */
export const generateSeed = (): Uint8Array => randomBytes(SEED_BYTES);

/** A seed (16 or 32 bytes of entropy) as 12 or 24 words. */
export function entropyToMnemonic(entropy: Uint8Array): string {
  assertEntropy(entropy);
  return bip39EntropyToMnemonic(entropy, wordlist);
}

/** The words of a typed or pasted mnemonic: NFKD, lower case, split on any run of white space. */
export const mnemonicWords = (mnemonic: string): string[] =>
  mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/u).filter(Boolean);

/** What is wrong with a mnemonic, for callers that word it their own way (the UI); null when it is valid. */
export type MnemonicProblem =
  | { problem: 'word-count'; count: number }
  | { problem: 'unknown-word'; index: number }
  | { problem: 'checksum' };

function wordsProblem(words: readonly string[]): MnemonicProblem | null {
  if (words.length !== 12 && words.length !== 24) return { problem: 'word-count', count: words.length };
  const unknown = words.findIndex((word) => !WORDS.has(word));
  return unknown >= 0 ? { problem: 'unknown-word', index: unknown } : null;
}

/** The one mnemonic parser: 12 or 24 words of the BIP39 English list whose checksum verifies. */
export function readMnemonic(mnemonic: string): { words: string[]; entropy: Uint8Array } | MnemonicProblem {
  const words = mnemonicWords(mnemonic);
  const found = wordsProblem(words);
  if (found) return found;
  try {
    return { words, entropy: bip39MnemonicToEntropy(words.join(' '), wordlist) };
  } catch {
    return { problem: 'checksum' };
  }
}

function mnemonicError(found: MnemonicProblem): CoreError {
  switch (found.problem) {
    case 'word-count':
      return new CoreError('INVALID_MNEMONIC', `mnemonic must have 12 or 24 words, got ${found.count}`);
    case 'unknown-word':
      return new CoreError('INVALID_MNEMONIC', `mnemonic word ${found.index + 1} is not in the BIP39 English word list`);
    case 'checksum':
      return new CoreError('INVALID_MNEMONIC', 'mnemonic checksum does not match: check the words and their order');
  }
}

/**
 * Canonical form: NFKD, lower case, single spaces. Errors name word positions, never words.
 */
export function normalizeMnemonic(mnemonic: string): string {
  if (typeof mnemonic !== 'string') throw new CoreError('INVALID_MNEMONIC', 'mnemonic must be a string');
  const words = mnemonicWords(mnemonic);
  const found = wordsProblem(words);
  if (found) throw mnemonicError(found);
  return words.join(' ');
}

/** Entropy (16 or 32 bytes) of a 12- or 24-word mnemonic; the BIP39 checksum must match. */
export function mnemonicToEntropy(mnemonic: string): Uint8Array {
  if (typeof mnemonic !== 'string') throw new CoreError('INVALID_MNEMONIC', 'mnemonic must be a string');
  const read = readMnemonic(mnemonic);
  if ('problem' in read) throw mnemonicError(read);
  return read.entropy;
}

export const isValidMnemonic = (mnemonic: string): boolean => {
  try {
    mnemonicToEntropy(mnemonic);
    return true;
  } catch {
    return false;
  }
};

/** What is wrong with a hex seed, for callers that word it their own way (the UI). */
export type SeedHexProblem = { problem: 'empty' } | { problem: 'characters' } | { problem: 'length'; digits: number };

/**
 * The one hex-seed parser (the IOTICS way to import a seed): 32 or 64 hex digits (16 or 32 bytes),
 * either case, an optional 0x, white space around it ignored. Returns the digits in lower case.
 */
export function readSeedHex(text: string): { hex: string; entropy: Uint8Array } | SeedHexProblem {
  const digits = text.trim().replace(/^0x/i, '');
  if (digits.length === 0) return { problem: 'empty' };
  if (!/^[0-9a-fA-F]*$/.test(digits)) return { problem: 'characters' };
  if (digits.length !== 32 && digits.length !== 64) return { problem: 'length', digits: digits.length };
  const hex = digits.toLowerCase();
  return { hex, entropy: hexToBytes(hex) };
}

/** Entropy of a hex seed (see readSeedHex). */
export function parseSeedHex(hex: string): Uint8Array {
  const read = typeof hex === 'string' ? readSeedHex(hex) : ({ problem: 'empty' } as const);
  if ('problem' in read)
    throw new CoreError('INVALID_SEED', 'seed hex must be 32 or 64 hexadecimal digits (16 or 32 bytes)');
  return read.entropy;
}

/**
 * BIP39 seed: PBKDF2-HMAC-SHA512(NFKD(mnemonic), "mnemonic" + NFKD(passphrase), 2048, 64 bytes).
 * The mnemonic must be valid; Sigil's master uses the empty passphrase.
 */
export async function mnemonicToMaster(mnemonic: string, passphrase = ''): Promise<Uint8Array> {
  if (typeof passphrase !== 'string') throw new CoreError('INVALID_PARAMS', 'passphrase must be a string');
  mnemonicToEntropy(mnemonic);
  const password = utf8Encode(normalizeMnemonic(mnemonic));
  const salt = utf8Encode(`mnemonic${passphrase.normalize('NFKD')}`);
  try {
    const subtle = globalThis.crypto?.subtle;
    if (subtle) {
      try {
        const key = await subtle.importKey('raw', bufferSource(password), 'PBKDF2', false, ['deriveBits']);
        const bits = await subtle.deriveBits(
          { name: 'PBKDF2', hash: 'SHA-512', salt: bufferSource(salt), iterations: 2048 },
          key,
          512,
        );
        return new Uint8Array(bits);
      } catch {
        // Fall through to the portable implementation.
      }
    }
    return await pbkdf2Async(sha512, password, salt, { c: 2048, dkLen: 64 });
  } finally {
    password.fill(0);
  }
}

/** Master of a raw seed: the seed's mnemonic through BIP39 with the empty passphrase. */
export const entropyToMaster = (entropy: Uint8Array): Promise<Uint8Array> =>
  mnemonicToMaster(entropyToMnemonic(entropy));
