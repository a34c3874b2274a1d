import bs58 from 'bs58';
import { CoreError } from './errors';

/** Base58, Bitcoin alphabet. */
export const base58Encode = (bytes: Uint8Array): string => bs58.encode(bytes);

export function base58Decode(text: string): Uint8Array {
  const out = typeof text === 'string' && text.length > 0 ? bs58.decodeUnsafe(text) : undefined;
  if (!out) throw new CoreError('INVALID_ENCODING', 'invalid base58 string');
  return out;
}
