/**
 * Factom entries: bytes = 00 ‖ chainId(32) ‖ extIdsSize(2, BE) ‖ each ExtID (2-byte BE length ‖ bytes) ‖ content,
 * where extIdsSize is the byte length of the ExtID section (as in factomd), and
 * entry hash = sha256(sha512(entry) ‖ entry).
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { base64Decode, base64Encode } from './base64';
import { bytesToHex, concatBytes, hexToBytes } from './bytes';
import { CoreError } from './errors';

export interface Entry {
  readonly extIds: readonly Uint8Array[];
  readonly content: Uint8Array;
}

/** An entry as DID documents carry it: every ExtID and the content in base64. */
export interface EntryJson {
  extIds: string[];
  content: string;
}

export const CHAIN_ID_PATTERN = /^[0-9a-f]{64}$/;

export function chainIdBytes(chainId: string): Uint8Array {
  if (typeof chainId !== 'string' || !CHAIN_ID_PATTERN.test(chainId))
    throw new CoreError('INVALID_PARAMS', 'chain id must be 64 lowercase hex digits');
  return hexToBytes(chainId);
}

export function entryBytes(chainId: Uint8Array, entry: Entry): Uint8Array {
  if (chainId.length !== 32) throw new CoreError('INVALID_PARAMS', 'chain id must be 32 bytes');
  let extIdsSize = 0;
  for (const extId of entry.extIds) extIdsSize += 2 + extId.length;
  if (extIdsSize > 0xffff) throw new CoreError('INVALID_PARAMS', 'entry ExtIDs are too large');
  const out = new Uint8Array(35 + extIdsSize + entry.content.length);
  out[0] = 0;
  out.set(chainId, 1);
  out[33] = extIdsSize >>> 8;
  out[34] = extIdsSize & 0xff;
  let offset = 35;
  for (const extId of entry.extIds) {
    out[offset] = extId.length >>> 8;
    out[offset + 1] = extId.length & 0xff;
    out.set(extId, offset + 2);
    offset += 2 + extId.length;
  }
  out.set(entry.content, offset);
  return out;
}

export function entryHash(chainId: Uint8Array, entry: Entry): string {
  const bytes = entryBytes(chainId, entry);
  return bytesToHex(sha256(concatBytes(sha512(bytes), bytes)));
}

export const entryToJson = (entry: Entry): EntryJson => ({
  extIds: entry.extIds.map(base64Encode),
  content: base64Encode(entry.content),
});

export function entryFromJson(json: EntryJson): Entry {
  if (typeof json !== 'object' || json === null || !Array.isArray(json.extIds) || typeof json.content !== 'string')
    throw new CoreError('INVALID_CHAIN', 'entry must be {extIds: string[], content: string}');
  return { extIds: json.extIds.map(base64Decode), content: base64Decode(json.content) };
}
