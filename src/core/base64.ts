/**
 * Base64 (RFC 4648 §4, padded) and base64url (§5, unpadded, as JWTs use it) through @scure/base.
 * Decoding is strict: only the canonical text of some bytes is accepted (right padding, unused bits
 * zero, no whitespace), so a value has exactly one text form.
 */
import { base64, base64urlnopad } from '@scure/base';
import { CoreError } from './errors';

function strictDecode(decode: (text: string) => Uint8Array, text: string, what: string): Uint8Array {
  if (typeof text !== 'string') throw new CoreError('INVALID_ENCODING', `invalid ${what} string`);
  try {
    return decode(text);
  } catch {
    throw new CoreError('INVALID_ENCODING', `invalid ${what} string`);
  }
}

export const base64Encode = (bytes: Uint8Array): string => base64.encode(bytes);
export const base64Decode = (text: string): Uint8Array => strictDecode(base64.decode, text, 'base64');
export const base64urlEncode = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);
export const base64urlDecode = (text: string): Uint8Array => strictDecode(base64urlnopad.decode, text, 'base64url');
