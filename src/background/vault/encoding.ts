/** Byte helpers shared by the vault modules; they run the same in Node and in both browsers. */

import { base64Decode, base64Encode } from '../../core/base64';

/** Standard padded base64: the core's one codec. */
export const toBase64 = (bytes: Uint8Array): string => base64Encode(bytes);

/** Strict base64 (standard alphabet, padded, canonical): returns null for anything else. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    return base64Decode(text);
  } catch {
    return null;
  }
}

export const utf8Encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** Throws on invalid UTF-8 instead of inserting replacement characters. */
export const utf8Decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** A copy backed by a plain ArrayBuffer, which is what WebCrypto's typings accept. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}

/** Constant-time comparison: the core's. */
export { equalBytes as bytesEqual } from '../../core/bytes';

/** Objects from JSON.parse or structured clone (possibly from another realm), not arrays or class instances. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Object.prototype.toString.call(value) === '[object Object]';

/** True when `value` has exactly the listed own keys. */
export function hasExactKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.prototype.hasOwnProperty.call(value, key));
}
