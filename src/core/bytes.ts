import { hex } from '@scure/base';
import { CoreError } from './errors';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8Encode = (text: string): Uint8Array => encoder.encode(text);

export function utf8Decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CoreError('INVALID_ENCODING', 'bytes are not valid UTF-8');
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export const bytesToHex = (bytes: Uint8Array): string => hex.encode(bytes);

/** Strict: an even number of hex digits, nothing else (either case). */
export function hexToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new CoreError('INVALID_ENCODING', 'invalid hex string');
  try {
    return hex.decode(text);
  } catch {
    throw new CoreError('INVALID_ENCODING', 'invalid hex string');
  }
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** WebCrypto wants ArrayBuffer-backed views; copy only when the view is backed by something else. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : (new Uint8Array(bytes) as Uint8Array<ArrayBuffer>);
}
