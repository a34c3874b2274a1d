/**
 * Factom identity chains (DESIGN §2.4): chain ids, the first entry and key replacement entries.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8Encode } from './bytes';
import { getPublicKey, sign } from './ed25519';
import { entryHash, entryToJson, chainIdBytes, type Entry, type EntryJson } from './entry';
import { CoreError } from './errors';
import { encodeIdpub, isIdpub } from './factom-keys';

export const IDENTITY_CHAIN_TAG = 'IdentityChain';
export const REPLACE_KEY_TAG = 'ReplaceKey';
export const MAX_IDENTITY_BYTES = 10240;

/** A chain id as the Factom API writes it: 64 hex digits (either case is read, lower case is written). */
export const IDENTITY_CHAIN_ID_PATTERN = /^[0-9a-fA-F]{64}$/u;
export const isIdentityChainId = (text: unknown): text is string => typeof text === 'string' && IDENTITY_CHAIN_ID_PATTERN.test(text);

/** The Factom SDK's message for a missing identityChainId (identities.get, keys.list, keys.get, keys.replace). */
export const IDENTITY_CHAIN_ID_REQUIRED = 'identityChainId is required.';
/** The SDK does not check the form; Sigil does (64 hex digits), in the SDK's style. */
export const IDENTITY_CHAIN_ID_INVALID = 'identityChainId is invalid.';

/** The identityChainId param as the SDK reads it (missing when absent or empty), in lower case. */
export function identityChainIdParam(value: unknown): string {
  if (value === undefined || value === null || value === '') throw new CoreError('INVALID_PARAMS', IDENTITY_CHAIN_ID_REQUIRED);
  if (!isIdentityChainId(value)) throw new CoreError('INVALID_PARAMS', IDENTITY_CHAIN_ID_INVALID);
  return value.toLowerCase();
}

/** An identity chain as DID documents carry it. */
export interface IdentityChainJson {
  chainId: string;
  names: string[];
  entries: EntryJson[];
}

const asBytes = (value: string | Uint8Array): Uint8Array => (typeof value === 'string' ? utf8Encode(value) : value);

/** Factom chain id: sha256(sha256(extId_1) ‖ sha256(extId_2) ‖ …), hex. */
export function chainIdFromExtIds(extIds: readonly (string | Uint8Array)[]): string {
  if (!Array.isArray(extIds) || extIds.length === 0)
    throw new CoreError('INVALID_PARAMS', 'at least 1 ExtID is required');
  return bytesToHex(sha256(concatBytes(...extIds.map((extId) => sha256(asBytes(extId))))));
}

/** Chain id of the identity with these names (ExtIDs "IdentityChain", ...names). */
export const identityChainId = (names: readonly string[]): string =>
  chainIdFromExtIds([IDENTITY_CHAIN_TAG, ...validateNames(names)]);

/** The Factom SDK's size rule for identities.create: 37 + Σ utf8(name) + 2·#names + 58·#keys. */
export function calculateIdentityBytes(names: readonly string[], keyCount: number): number {
  let total = 37 + 58 * keyCount;
  for (const name of names) total += utf8Encode(name).length + 2;
  return total;
}

function validateNames(names: unknown): string[] {
  if (names === undefined || names === null) throw new CoreError('INVALID_PARAMS', 'at least 1 name is required.');
  if (!Array.isArray(names)) throw new CoreError('INVALID_PARAMS', 'names must be an array.');
  if (names.length === 0) throw new CoreError('INVALID_PARAMS', 'at least 1 name is required.');
  if (!names.every((name) => typeof name === 'string')) throw new CoreError('INVALID_PARAMS', 'names must be an array.');
  return names as string[];
}

/** The SDK quotes a refused key; a secret key given by mistake is not repeated, and at most 64 characters are. */
const shownKey = (key: string): string => (key.startsWith('idsec') ? 'idsec…' : key.slice(0, 64));

/** Most keys that can pass the size rule with one name: more are refused by that rule before any is looked at. */
const MAX_KEYS = Math.floor((MAX_IDENTITY_BYTES - 37 - 2) / 58);

/**
 * The SDK's checks of identities.create's `keys`, in its order: an array of at least one string;
 * then every invalid key (`"<key>" key is invalid.` for each, in order); then every duplicated key.
 */
function validateKeys(keys: unknown, names: readonly string[]): string[] {
  if (!Array.isArray(keys)) throw new CoreError('INVALID_PARAMS', 'keys must be an array.');
  if (keys.length === 0) throw new CoreError('INVALID_PARAMS', 'at least 1 key is required.');
  if (keys.length > MAX_KEYS) throw tooLarge(calculateIdentityBytes(names, keys.length));
  if (!keys.every((key) => typeof key === 'string')) throw new CoreError('INVALID_PARAMS', 'keys must be an array.');
  const invalid = (keys as string[]).filter((key) => !isIdpub(key));
  if (invalid.length > 0) throw new CoreError('INVALID_PARAMS', invalid.map((key) => `"${shownKey(key)}" key is invalid.`).join(' '));
  const duplicated = [...new Set((keys as string[]).filter((key, i) => keys.indexOf(key) !== i))];
  if (duplicated.length > 0)
    throw new CoreError('INVALID_PARAMS', duplicated.map((key) => `"${key}" key is duplicated; keys must be unique.`).join(' '));
  return keys as string[];
}

const tooLarge = (totalBytes: number): CoreError =>
  new CoreError(
    'INVALID_PARAMS',
    `calculated bytes of names and keys is ${totalBytes}. It must be less than 10240, use less/shorter names or less keys.`,
  );

/** Compact JSON with "keys" first, as the Factom SDK writes it. */
export const firstEntryContent = (keys: readonly string[]): string => JSON.stringify({ keys, version: 1 });

export interface NewIdentityChain {
  chainId: string;
  entryHash: string;
  /** The first entry's content, as text. */
  content: string;
  chain: IdentityChainJson;
}

/**
 * The first entry of a new identity chain. `keys` are idpub strings from the highest priority (0)
 * down. Validation and messages follow the Factom SDK's identities.create.
 */
export function createIdentityChain(params: { names: readonly string[]; keys: readonly string[] }): NewIdentityChain {
  const names = validateNames(params?.names);
  const keys = validateKeys(params?.keys, names);
  const totalBytes = calculateIdentityBytes(names, keys.length);
  if (totalBytes > MAX_IDENTITY_BYTES) throw tooLarge(totalBytes);
  const chainId = identityChainId(names);
  const content = firstEntryContent(keys);
  const entry: Entry = { extIds: [IDENTITY_CHAIN_TAG, ...names].map(asBytes), content: utf8Encode(content) };
  return {
    chainId,
    entryHash: entryHash(chainIdBytes(chainId), entry),
    content,
    chain: { chainId, names: [...names], entries: [entryToJson(entry)] },
  };
}

/** What a replacement signature covers: UTF-8(chainIdHex + oldIdpub + newIdpub). */
export const replacementMessage = (chainId: string, oldKey: string, newKey: string): Uint8Array =>
  utf8Encode(chainId + oldKey + newKey);

export interface ReplacementEntry {
  entry: EntryJson;
  entryHash: string;
  /** The 64 raw signature bytes carried in ExtID[3]. */
  signature: Uint8Array;
  /** idpub of the signer. */
  signerKey: string;
}

/**
 * A ReplaceKey entry: ExtIDs ["ReplaceKey", old, new, signature, signer], empty content. This only
 * builds and signs; `replaceKey` also checks the identity's rules.
 */
/** The Factom SDK's checks of a replacement's keys (keys.replace), with its messages. */
export function checkReplacementParams(params: { oldKey: string; newKey: string; signerSecretKey: Uint8Array }): void {
  for (const [name, key] of [
    ['oldPublicKey', params.oldKey],
    ['newPublicKey', params.newKey],
  ] as const) {
    if (key === undefined || key === null || (key as string) === '') throw new CoreError('INVALID_PARAMS', `${name} is required.`);
    if (!isIdpub(key)) throw new CoreError('INVALID_PARAMS', `${name} is an invalid public key.`);
  }
  if (params.signerSecretKey === undefined || params.signerSecretKey === null) throw new CoreError('INVALID_PARAMS', 'signerPrivateKey is required.');
  if (!(params.signerSecretKey instanceof Uint8Array) || params.signerSecretKey.length !== 32)
    throw new CoreError('INVALID_PARAMS', 'signerPrivateKey is invalid.');
}

export async function createReplacementEntry(params: {
  chainId: string;
  oldKey: string;
  newKey: string;
  signerSecretKey: Uint8Array;
}): Promise<ReplacementEntry> {
  const { oldKey, newKey, signerSecretKey } = params;
  const chainId = identityChainIdParam(params.chainId);
  const chain = chainIdBytes(chainId);
  checkReplacementParams(params);
  const signerKey = encodeIdpub(await getPublicKey(signerSecretKey));
  const signature = await sign(replacementMessage(chainId, oldKey, newKey), signerSecretKey);
  const entry: Entry = {
    extIds: [utf8Encode(REPLACE_KEY_TAG), utf8Encode(oldKey), utf8Encode(newKey), signature, utf8Encode(signerKey)],
    content: new Uint8Array(0),
  };
  return { entry: entryToJson(entry), entryHash: entryHash(chain, entry), signature, signerKey };
}
