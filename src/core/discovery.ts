/**
 * Recovery from the phrase alone: default key names the wallet can find again, and the search for the
 * identities a seed made on a resolver (BIP-44's account discovery, applied per kind and format).
 *
 * Default key names are `{kind}-{n}` (`user-0`, `user-1`, `agent-0`…), one counter per kind and format
 * in each seed: the same name gives a different DID in each format, so the two counters never meet.
 * Discovery walks each counter from 0 and stops after `gapLimit` consecutive names the resolver does not
 * know. Every document token a resolver answers is verified by this format's rules before it is used,
 * and the keys the document lists now (its latest generation) are derived again and compared.
 *
 * This scheme is a contract: wallets restored from a phrase find identities only under these names.
 */
import { CoreError } from './errors';
import { deriveEntityKeys, deriveKey } from './derive';
import { didFromPublicKey } from './did';
import type { DidDocument } from './document-types';
import { ioticsKeyPairFromPath, ioticsMaster, ioticsPath, IOTICS_PATH_PREFIX, type IoticsSeedMethod } from './iotics/derive';
import type { IoticsDocument } from './iotics/document-types';
import { entropyToMaster } from './mnemonic';
import { verifyAnyDocumentToken } from './registration';
import { replayIdentityChain } from './replay';
import { ENTITY_KINDS, IDENTITY_FORMATS, type EntityKind, type IdentityFormat } from './types';

/** Consecutive unused default names after which a counter is given up (BIP-44 uses 20 addresses; identities are fewer). */
export const DISCOVERY_GAP_LIMIT = 5;
/** The most resolver lookups one discovery makes, whatever the answers. */
export const DISCOVERY_MAX_LOOKUPS = 300;
/** Largest counter a default name may carry (far above any wallet's count; keeps names short). */
const MAX_DEFAULT_NUMBER = 999_999;

/** The default key name number `n` of `kind`: `user-0`, `agent-3`. */
export function defaultKeyName(kind: EntityKind, n: number): string {
  if (!ENTITY_KINDS.includes(kind)) throw new CoreError('INVALID_PARAMS', 'kind must be one of user, agent, twin');
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_DEFAULT_NUMBER)
    throw new CoreError('INVALID_PARAMS', `a default key name number is 0 to ${MAX_DEFAULT_NUMBER}`);
  return `${kind}-${n}`;
}

/** n when `keyName` is the default name `{kind}-{n}` (no leading zeros), else null. */
export function defaultKeyNumber(kind: EntityKind, keyName: string): number | null {
  const match = /^([a-z]+)-(0|[1-9]\d{0,5})$/.exec(keyName);
  return match && match[1] === kind ? Number(match[2]) : null;
}

/** The first default name of `kind` that is not among `taken` (the key names this seed already uses for this kind and format). */
export function nextDefaultKeyName(kind: EntityKind, taken: Iterable<string>): string {
  const used = new Set<number>();
  for (const name of taken) {
    const n = defaultKeyNumber(kind, name);
    if (n !== null) used.add(n);
  }
  let n = 0;
  while (used.has(n)) n++;
  return defaultKeyName(kind, n);
}

/**
 * The derivation path of an IOTICS entity's owner key `#{kind}-{n}`: n = 0 is the identity's own key
 * (the IOTICS libraries' path); n ≥ 1 is a key a rotation added, under `iotics/0/rotated/…`, which no
 * identity path can equal (their third segment is a kind). The key name comes last because it may hold `/`.
 */
export function ioticsKeyPath(kind: EntityKind, keyName: string, n: number): string {
  return n === 0 ? ioticsPath(kind, keyName) : `${IOTICS_PATH_PREFIX}/rotated/${kind}/${n}/${keyName}`;
}

/** n of an IOTICS key id `#{kind}-{n}`, or null for any other id. */
export function ioticsKeyNumber(kind: EntityKind, id: string): number | null {
  const match = new RegExp(`^#${kind}-(0|[1-9]\\d{0,8})$`).exec(id);
  return match ? Number(match[1]) : null;
}

/** The seed to search with (its method and password apply to the IOTICS format, §2.8). */
export interface DiscoverySeed {
  entropy: Uint8Array;
  method: IoticsSeedMethod;
  password: string;
}

/**
 * The resolver's current document token for a DID, or null when it has none. Throw when the resolver
 * cannot answer (unreachable, timeout, server error): discovery stops with that error rather than
 * mistaking silence for an unused name.
 */
export type DocumentTokenLookup = (did: string) => Promise<string | null>;

interface DiscoveredBase {
  kind: EntityKind;
  keyName: string;
  did: string;
  /** The resolver's document token, verified. */
  token: string;
  updateTime: number;
}

export interface DiscoveredSigilIdentity extends DiscoveredBase {
  format: 'sigil';
  document: DidDocument;
  /** Generation of the active key of each priority (index = priority), from replaying the identity chain. */
  generations: number[];
  /** Priorities whose active key this seed derives (a key pasted as an idpub is not among them). */
  heldPriorities: number[];
}

export interface DiscoveredIoticsIdentity extends DiscoveredBase {
  format: 'iotics';
  document: IoticsDocument;
  /** Owner key ids (`#{kind}-{n}`) of the document that this seed derives; the largest n is the latest generation. */
  heldKeyIds: string[];
}

export type DiscoveredIdentity = DiscoveredSigilIdentity | DiscoveredIoticsIdentity;

/** A document found under a default name that cannot be restored, and why (no secret in it). */
export interface RefusedDiscovery {
  format: IdentityFormat;
  kind: EntityKind;
  did: string;
  reason: string;
}

export interface DiscoveryResult {
  found: DiscoveredIdentity[];
  refused: RefusedDiscovery[];
  lookups: number;
  /** False when the lookup cap stopped the search before every counter reached its gap limit. */
  complete: boolean;
}

export interface DiscoveryOptions {
  seed: DiscoverySeed;
  lookup: DocumentTokenLookup;
  gapLimit?: number;
  maxLookups?: number;
  /** Default both; the Sigil format is searched only for a BIP39 seed without password (§2.2). */
  formats?: readonly IdentityFormat[];
  kinds?: readonly EntityKind[];
}

/** What one default name of one format derives to, and how to check the document found for it. */
interface Candidate {
  did: string;
  examine(token: string): Promise<DiscoveredIdentity>;
}

type CandidateMaker = (kind: EntityKind, keyName: string) => Promise<Candidate>;

const refusal = (message: string): CoreError => new CoreError('INVALID_DOCUMENT', message);

function sigilCandidates(master: Uint8Array): CandidateMaker {
  return async (kind, keyName) => {
    const genesis = await deriveEntityKeys(master, kind, keyName);
    const did = didFromPublicKey(genesis[0]!.publicKey);
    return {
      did,
      async examine(token) {
        const verified = await verifyAnyDocumentToken(token, { did });
        if (verified.format !== 'sigil') throw refusal('the resolver holds it in the IOTICS format, not Sigil’s');
        const document = verified.document;
        if (document.ioticsDIDType !== kind) throw refusal(`the document is a ${document.ioticsDIDType}, not a ${kind}`);
        const state = await replayIdentityChain(document.identityChain);
        const generations = state.activeKeys.map((key) => key.generation);
        const heldPriorities: number[] = [];
        for (const key of state.activeKeys) {
          const derived = await deriveKey(master, { kind, keyName, priority: key.priority, generation: key.generation });
          if (derived.idpub === key.idpub) heldPriorities.push(key.priority);
        }
        if (heldPriorities.length === 0) throw refusal('none of its current keys derives from this phrase');
        return { format: 'sigil', kind, keyName, did, token, updateTime: verified.updateTime, document, generations, heldPriorities };
      },
    };
  };
}

function ioticsCandidates(master: Uint8Array): CandidateMaker {
  return async (kind, keyName) => {
    const own = ioticsKeyPairFromPath(master, ioticsKeyPath(kind, keyName, 0));
    return {
      did: own.did,
      async examine(token) {
        const verified = await verifyAnyDocumentToken(token, { did: own.did });
        if (verified.format !== 'iotics') throw refusal('the resolver holds it in Sigil’s format, not IOTICS');
        const document = verified.document;
        if (document.ioticsDIDType !== kind) throw refusal(`the document is a ${document.ioticsDIDType}, not a ${kind}`);
        const heldKeyIds: string[] = [];
        for (const key of document.publicKey) {
          const n = ioticsKeyNumber(kind, key.id);
          if (n === null || key.revoked) continue;
          if (ioticsKeyPairFromPath(master, ioticsKeyPath(kind, keyName, n)).publicKeyBase58 === key.publicKeyBase58) heldKeyIds.push(key.id);
        }
        if (heldKeyIds.length === 0) throw refusal('none of its owner keys derives from this phrase');
        return { format: 'iotics', kind, keyName, did: own.did, token, updateTime: verified.updateTime, document, heldKeyIds };
      },
    };
  };
}

const reasonOf = (error: unknown): string =>
  error instanceof CoreError ? error.message : 'its document could not be checked';

/**
 * Searches the resolver for the identities `seed` made under default key names. Lookup errors
 * (resolver unreachable) are thrown; a document that fails verification is reported in `refused` and
 * counts as a used name, so the search goes on past it.
 */
export async function discoverIdentities(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const gapLimit = options.gapLimit ?? DISCOVERY_GAP_LIMIT;
  const maxLookups = options.maxLookups ?? DISCOVERY_MAX_LOOKUPS;
  if (!Number.isSafeInteger(gapLimit) || gapLimit < 1 || gapLimit > 100) throw new CoreError('INVALID_PARAMS', 'gapLimit must be 1 to 100');
  if (!Number.isSafeInteger(maxLookups) || maxLookups < 1 || maxLookups > 10_000)
    throw new CoreError('INVALID_PARAMS', 'maxLookups must be 1 to 10000');
  const { seed } = options;
  const formats = (options.formats ?? IDENTITY_FORMATS).filter(
    (format) => format === 'iotics' || (seed.method === 'bip39' && seed.password === ''),
  );
  const kinds = options.kinds ?? ENTITY_KINDS;
  const makers: Partial<Record<IdentityFormat, CandidateMaker>> = {};
  if (formats.includes('sigil')) makers.sigil = sigilCandidates(await entropyToMaster(seed.entropy));
  if (formats.includes('iotics')) makers.iotics = ioticsCandidates(await ioticsMaster(seed.entropy, { method: seed.method, password: seed.password }));

  const result: DiscoveryResult = { found: [], refused: [], lookups: 0, complete: true };
  const walk = async (format: IdentityFormat, kind: EntityKind): Promise<void> => {
    const make = makers[format]!;
    const found: DiscoveredIdentity[] = [];
    for (let n = 0, gap = 0; gap < gapLimit; n++) {
      if (result.lookups >= maxLookups) {
        result.complete = false;
        break;
      }
      const candidate = await make(kind, defaultKeyName(kind, n));
      result.lookups++;
      const token = await options.lookup(candidate.did);
      if (token === null) {
        gap++;
        continue;
      }
      gap = 0;
      try {
        found.push(await candidate.examine(token));
      } catch (error) {
        result.refused.push({ format, kind, did: candidate.did, reason: reasonOf(error) });
      }
    }
    result.found.push(...found);
  };
  // One counter after another: the order of `found` is stable (format, kind, n) and the lookups are few.
  for (const format of formats) for (const kind of kinds) await walk(format, kind);
  return result;
}
