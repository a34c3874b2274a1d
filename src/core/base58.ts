import bs58 from 'bs58';
import { CoreError } from './errors';

/**
 * Longest base58 text decoded by default. Base58 decoding is quadratic in the input length, so the
 * length is checked before any work; Sigil's longest base58 value (an idpub or idsec) is 55 characters.
 */
export const MAX_BASE58_LENGTH = 128;

/** Base58, Bitcoin alphabet. */
export const base58Encode = (bytes: Uint8Array): string => bs58.encode(bytes);

export function base58Decode(text: string, maxLength: number = MAX_BASE58_LENGTH): Uint8Array {
  if (typeof text !== 'string' || text.length === 0 || text.length > maxLength)
    throw new CoreError('INVALID_ENCODING', `invalid base58 string (1 to ${maxLength} characters)`);
  const out = bs58.decodeUnsafe(text);
  if (!out) throw new CoreError('INVALID_ENCODING', 'invalid base58 string');
  return out;
}
