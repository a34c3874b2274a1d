import { CoreError } from './errors';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function lookup(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const STD_LOOKUP = lookup(STD);
const URL_LOOKUP = lookup(URL);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

/**
 * Strict decoding: only the canonical encoding of some bytes is accepted (right padding, unused
 * bits zero), so a value has exactly one text form.
 */
function decode(text: string, table: Int16Array, padded: boolean, what: string): Uint8Array {
  const fail = () => new CoreError('INVALID_ENCODING', `invalid ${what} string`);
  if (typeof text !== 'string') throw fail();
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) throw fail();
    if (text.endsWith('==')) body = text.slice(0, -2);
    else if (text.endsWith('=')) body = text.slice(0, -1);
  }
  if (body.length % 4 === 1) throw fail();
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? (table[c] as number) : -1;
    if (v < 0) throw fail();
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) throw fail();
  return out;
}

export const base64Encode = (bytes: Uint8Array): string => encode(bytes, STD, true);
export const base64Decode = (text: string): Uint8Array => decode(text, STD_LOOKUP, true, 'base64');
/** base64url without padding, as JWTs use it. */
export const base64urlEncode = (bytes: Uint8Array): string => encode(bytes, URL, false);
export const base64urlDecode = (text: string): Uint8Array => decode(text, URL_LOOKUP, false, 'base64url');
