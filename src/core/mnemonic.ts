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

/**
 * Canonical form: NFKD, lower case, single spaces. Errors name word positions, never words.
 */
export function normalizeMnemonic(mnemonic: string): string {
  if (typeof mnemonic !== 'string') throw new CoreError('INVALID_MNEMONIC', 'mnemonic must be a string');
  const words = mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/u).filter(Boolean);
  if (words.length !== 12 && words.length !== 24)
    throw new CoreError('INVALID_MNEMONIC', `mnemonic must have 12 or 24 words, got ${words.length}`);
  const unknown = words.findIndex((word) => !WORDS.has(word));
  if (unknown >= 0)
    throw new CoreError('INVALID_MNEMONIC', `mnemonic word ${unknown + 1} is not in the BIP39 English word list`);
  return words.join(' ');
}

/** Entropy (16 or 32 bytes) of a 12- or 24-word mnemonic; the BIP39 checksum must match. */
export function mnemonicToEntropy(mnemonic: string): Uint8Array {
  const normalized = normalizeMnemonic(mnemonic);
  try {
    return bip39MnemonicToEntropy(normalized, wordlist);
  } catch {
    throw new CoreError('INVALID_MNEMONIC', 'mnemonic checksum does not match: check the words and their order');
  }
}

export const isValidMnemonic = (mnemonic: string): boolean => {
  try {
    mnemonicToEntropy(mnemonic);
    return true;
  } catch {
    return false;
  }
};

/** The IOTICS way to import a seed: 32 or 64 hex digits (16 or 32 bytes), optional 0x. */
export function parseSeedHex(hex: string): Uint8Array {
  const text = typeof hex === 'string' ? hex.trim().replace(/^0x/i, '') : '';
  if (!/^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{64})$/.test(text))
    throw new CoreError('INVALID_SEED', 'seed hex must be 32 or 64 hexadecimal digits (16 or 32 bytes)');
  return hexToBytes(text);
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
