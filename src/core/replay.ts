/**
 * Replaying an identity chain (DESIGN §2.4) into its keys and their history. Any entry that breaks a
 * rule makes the whole chain invalid; the error names the first such entry.
 */
import { base64Decode } from './base64';
import { equalBytes, utf8Decode, utf8Encode } from './bytes';
import { verify } from './ed25519';
import { CHAIN_ID_PATTERN, chainIdBytes, entryHash, type Entry, type EntryJson } from './entry';
import { CoreError } from './errors';
import { decodeIdpub } from './factom-keys';
import {
  IDENTITY_CHAIN_TAG,
  identityChainId,
  MAX_IDENTITY_BYTES,
  REPLACE_KEY_TAG,
  replacementMessage,
  type IdentityChainJson,
} from './identity-chain';

export interface ChainKey {
  idpub: string;
  publicKey: Uint8Array;
  priority: number;
  /** 0 for the first key of a priority slot, +1 at each replacement. */
  generation: number;
  /** Index of the entry that brought the key in (first entry = 0). */
  activatedHeight: number;
  /** Index of the entry that replaced it, or null while active. */
  retiredHeight: number | null;
  /** Hash of the entry that brought the key in. */
  entryHash: string;
}

export interface IdentityState {
  chainId: string;
  names: string[];
  version: number;
  /** Every key the identity ever had, in the order they were added. */
  keys: ChainKey[];
  /** The active keys, index = priority. */
  activeKeys: ChainKey[];
  entryHashes: string[];
  /** Height of the last entry. */
  height: number;
}

const fail = (message: string): CoreError => new CoreError('INVALID_CHAIN', message);
const TAG_IDENTITY = utf8Encode(IDENTITY_CHAIN_TAG);
const TAG_REPLACE = utf8Encode(REPLACE_KEY_TAG);

function decodeEntry(json: EntryJson, height: number): Entry {
  if (
    typeof json !== 'object' ||
    json === null ||
    !Array.isArray(json.extIds) ||
    !json.extIds.every((extId) => typeof extId === 'string') ||
    typeof json.content !== 'string'
  )
    throw fail(`identity chain entry ${height} must be {extIds: string[], content: string}`);
  try {
    const entry = { extIds: json.extIds.map(base64Decode), content: base64Decode(json.content) };
    let payload = entry.content.length;
    for (const extId of entry.extIds) payload += 2 + extId.length;
    if (payload > MAX_IDENTITY_BYTES) throw fail(`identity chain entry ${height} is larger than ${MAX_IDENTITY_BYTES} bytes`);
    return entry;
  } catch (error) {
    if (error instanceof CoreError && error.code === 'INVALID_CHAIN') throw error;
    throw fail(`identity chain entry ${height} is not valid base64`);
  }
}

function parseFirstEntryKeys(content: Uint8Array): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(content));
  } catch {
    throw fail('identity chain entry 0: content is not JSON');
  }
  const body = parsed as { keys?: unknown; version?: unknown };
  if (typeof parsed !== 'object' || parsed === null || body.version !== 1)
    throw fail('identity chain entry 0: content must be {"keys":[…],"version":1}');
  if (!Array.isArray(body.keys) || body.keys.length === 0 || !body.keys.every((k) => typeof k === 'string'))
    throw fail('identity chain entry 0: keys must be a non-empty array of idpub strings');
  return body.keys as string[];
}

function shapeOf(chain: IdentityChainJson): void {
  if (typeof chain !== 'object' || chain === null) throw fail('identity chain must be an object');
  if (typeof chain.chainId !== 'string' || !CHAIN_ID_PATTERN.test(chain.chainId))
    throw fail('identity chain id must be 64 lowercase hex digits');
  if (!Array.isArray(chain.names) || chain.names.length === 0 || !chain.names.every((n) => typeof n === 'string'))
    throw fail('identity chain names must be a non-empty array of strings');
  if (!Array.isArray(chain.entries) || chain.entries.length === 0)
    throw fail('identity chain must have at least its first entry');
}

/**
 * Replays every entry. Signatures are checked in parallel once the rules have been applied in
 * order; the reported error is still the one of the earliest bad entry.
 */
export async function replayIdentityChain(chain: IdentityChainJson): Promise<IdentityState> {
  shapeOf(chain);
  const { chainId, names } = chain;
  if (identityChainId(names) !== chainId) throw fail('identity chain id does not match its names');
  const chainBytes = chainIdBytes(chainId);

  const first = decodeEntry(chain.entries[0]!, 0);
  if (
    first.extIds.length !== names.length + 1 ||
    !equalBytes(first.extIds[0]!, TAG_IDENTITY) ||
    names.some((name, i) => !equalBytes(first.extIds[i + 1]!, utf8Encode(name)))
  )
    throw fail('identity chain entry 0: ExtIDs must be "IdentityChain" followed by the names');

  const firstHash = entryHash(chainBytes, first);
  const keys: ChainKey[] = [];
  const everUsed = new Map<string, ChainKey>();
  const active: ChainKey[] = [];
  parseFirstEntryKeys(first.content).forEach((idpub, priority) => {
    let publicKey: Uint8Array;
    try {
      publicKey = decodeIdpub(idpub);
    } catch (error) {
      throw fail(`identity chain entry 0: key ${priority} is invalid (${(error as Error).message})`);
    }
    if (everUsed.has(idpub)) throw fail(`identity chain entry 0: key ${priority} is duplicated`);
    const key: ChainKey = { idpub, publicKey, priority, generation: 0, activatedHeight: 0, retiredHeight: null, entryHash: firstHash };
    keys.push(key);
    active.push(key);
    everUsed.set(idpub, key);
  });

  const entryHashes = [firstHash];
  const signatureChecks: Promise<boolean>[] = [];
  let ruleError: CoreError | undefined;
  let ruleHeight = chain.entries.length;

  for (let height = 1; height < chain.entries.length; height++) {
    try {
      const entry = decodeEntry(chain.entries[height]!, height);
      const at = `identity chain entry ${height}`;
      const [tag, oldBytes, newBytes, signature, signerBytes] = entry.extIds;
      if (entry.extIds.length !== 5 || !equalBytes(tag!, TAG_REPLACE))
        throw fail(`${at}: not a ReplaceKey entry (ExtIDs must be "ReplaceKey", old key, new key, signature, signer)`);
      if (entry.content.length !== 0) throw fail(`${at}: a ReplaceKey entry must have empty content`);
      let oldKey: string, newKey: string, signerKey: string;
      try {
        [oldKey, newKey, signerKey] = [utf8Decode(oldBytes!), utf8Decode(newBytes!), utf8Decode(signerBytes!)];
      } catch {
        throw fail(`${at}: keys must be idpub strings`);
      }
      const replaced = everUsed.get(oldKey);
      if (!replaced || replaced.retiredHeight !== null) throw fail(`${at}: the replaced key is not an active key`);
      if (everUsed.has(newKey)) throw fail(`${at}: the new key was already used in this identity`);
      let newPublicKey: Uint8Array;
      try {
        newPublicKey = decodeIdpub(newKey);
      } catch (error) {
        throw fail(`${at}: the new key is invalid (${(error as Error).message})`);
      }
      const signer = everUsed.get(signerKey);
      if (!signer || signer.retiredHeight !== null) throw fail(`${at}: the signer is not an active key`);
      if (signer.priority > replaced.priority)
        throw fail(
          `${at}: priority-${replaced.priority} key replaced by a priority-${signer.priority} signer; the signer must have the same or a higher priority`,
        );
      if (signature!.length !== 64) throw fail(`${at}: the signature must be 64 bytes`);
      signatureChecks.push(verify(signature!, replacementMessage(chainId, oldKey, newKey), signer.publicKey));

      const hash = entryHash(chainBytes, entry);
      replaced.retiredHeight = height;
      const key: ChainKey = {
        idpub: newKey,
        publicKey: newPublicKey,
        priority: replaced.priority,
        generation: replaced.generation + 1,
        activatedHeight: height,
        retiredHeight: null,
        entryHash: hash,
      };
      keys.push(key);
      everUsed.set(newKey, key);
      active[replaced.priority] = key;
      entryHashes.push(hash);
    } catch (error) {
      ruleError = error instanceof CoreError ? error : fail(`identity chain entry ${height} is invalid`);
      ruleHeight = height;
      break;
    }
  }

  const results = await Promise.all(signatureChecks);
  const bad = results.indexOf(false);
  // signatureChecks[i] belongs to entry i + 1.
  if (bad >= 0 && bad + 1 < ruleHeight) throw fail(`identity chain entry ${bad + 1}: the signature does not verify`);
  if (ruleError) throw ruleError;

  return {
    chainId,
    names: [...names],
    version: 1,
    keys,
    activeKeys: active,
    entryHashes,
    height: chain.entries.length - 1,
  };
}

/** The active key at `priority`, or undefined. */
export const activeKey = (state: IdentityState, priority: number): ChainKey | undefined => state.activeKeys[priority];

/** The active key with the largest priority number: it signs auth tokens and delegation proofs. */
export const signingKey = (state: IdentityState): ChainKey => state.activeKeys[state.activeKeys.length - 1]!;
