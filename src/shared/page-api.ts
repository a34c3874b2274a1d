/**
 * The page API contract (DESIGN.md §3): one typed map from method name to params and result, and
 * one params schema per method. The in-page provider, the content bridge and the background router
 * all use these types, so every context is checked by the compiler against the same contract.
 */
import { DID_LENGTH, DID_PATTERN, isValidDid } from '../core/did';
import { LABEL_MAX_LENGTH } from '../core/document-types';
import type { FactomIdentity, FactomKey, FactomKeyList, Stage } from '../core/factom-api';
import { IDENTITY_CHAIN_ID_INVALID, IDENTITY_CHAIN_ID_PATTERN, IDENTITY_CHAIN_ID_REQUIRED } from '../core/identity-chain';
import { base58Decode } from '../core/base58';
import { FACTOM_KEY_LENGTH, isIdpub } from '../core/factom-keys';
import { isIoticsPublicKey } from '../core/iotics/secp256k1';
import { ENTITY_KINDS, IDENTITY_FORMATS, type EntityKind, type IdentityFormat } from '../core/types';
import { array, choose, displayText, integer, none, object, oneOf, optional, refuse, string, type ObjectOf, type Schema } from './schema';

/** The entity kinds are the core's (DESIGN.md §2.2). */
export { ENTITY_KINDS, type EntityKind };
/** The identity formats (DESIGN §2.8): `sigil` (the default) and `iotics`. */
export { IDENTITY_FORMATS, type IdentityFormat };

export interface SharedEntity {
  did: string;
  kind: EntityKind;
  label: string;
}

/**
 * Which identity a Factom-shaped read is about: its DID, or (as the Factom SDK asks) its identity
 * chain id, 64 hex digits. Exactly one of the two.
 */
export type IdentityRef = { did: string; identityChainId?: never } | { identityChainId: string; did?: never };

/** The Factom identity API's shapes, defined once in the core. */
export type { FactomKey, FactomKeyList, Stage } from '../core/factom-api';

export interface PageMethodMap {
  /** Diagnostic: answers with the requesting origin exactly as the browser reported it. */
  sigil_ping: { params: undefined; result: { origin: string; version: string } };
  sigil_connect: { params: { kinds?: EntityKind[] }; result: { entities: SharedEntity[] } };
  sigil_entities: { params: undefined; result: { entities: SharedEntity[] } };
  sigil_disconnect: { params: undefined; result: true };
  sigil_authToken: {
    params: { user: string; agent?: string; audience?: string; durationSeconds?: number };
    result: { token: string; expiresAt: number };
  };
  sigil_delegationProof: {
    params: { agent: string; delegator: string; proofType?: 'did' | 'generic' };
    result: { controller: string; proof: string; proofType: 'did' | 'generic' };
  };
  sigil_createIdentity: {
    params: { kind: EntityKind; format?: IdentityFormat; label?: string; names?: string[]; delegateTo?: string };
    /** `chain_id` and `entry_hash` are null for an `iotics` identity (it has no identity chain). */
    result: { did: string; chain_id: string | null; entry_hash: string | null; stage: Stage };
  };
  sigil_identity: { params: IdentityRef; result: { data: Omit<FactomIdentity['data'], 'all_keys_href'> } };
  sigil_identityKeys: {
    params: IdentityRef & { limit?: number; offset?: number };
    result: FactomKeyList;
  };
  sigil_identityKey: { params: IdentityRef & { key: string }; result: { data: FactomKey } };
  /**
   * For an `iotics` identity, `oldPublicKey` is the owner key's publicKeyBase58, the new key is derived
   * by the wallet (no `newPublicKey`), and `entry_hash` is null.
   */
  sigil_replaceKey: {
    /** `signerPublicKey`: the key that signs (an active key of the same or higher priority held by the wallet); Sigil chooses when left out. */
    params: { did: string; oldPublicKey: string; newPublicKey?: string; signerPublicKey?: string };
    result: { entry_hash: string | null; stage: Stage };
  };
  sigil_document: { params: { did: string }; result: { document: unknown; token: string } };
}

export type PageMethod = keyof PageMethodMap;
export type PageParams<M extends PageMethod> = PageMethodMap[M]['params'];
export type PageResult<M extends PageMethod> = PageMethodMap[M]['result'];

export const PAGE_EVENTS = ['entitiesChanged', 'lock', 'unlock', 'disconnect', 'identityStage'] as const;
export type PageEvent = (typeof PAGE_EVENTS)[number];

/**
 * A did:iotics DID whose checksum verifies (DESIGN.md §2.3: a bad checksum is invalid everywhere).
 * Its length is checked before its pattern and checksum.
 */
const did = (field: string): Schema<string> =>
  string({
    max: DID_LENGTH,
    pattern: DID_PATTERN,
    message: `${field} must be a did:iotics DID.`,
    refine: { test: isValidDid, message: `${field} is not a valid DID: its checksum does not verify.` },
  });
/** An idpub whose prefix, length and checksum verify (the Factom SDK's message otherwise). */
const idpub = (field: string): Schema<string> =>
  string({
    max: FACTOM_KEY_LENGTH,
    message: `${field} is an invalid public key.`,
    refine: { test: isIdpub, message: `${field} is an invalid public key.` },
  });

/** The Factom SDK's identityChainId: its message when missing (or empty); otherwise 64 hex digits (either case). */
const identityChainId: Schema<string> = choose((value) =>
  value === undefined || value === null || value === ''
    ? string({ min: 1, message: IDENTITY_CHAIN_ID_REQUIRED })
    : string({ max: 64, pattern: IDENTITY_CHAIN_ID_PATTERN, message: IDENTITY_CHAIN_ID_INVALID }),
);

const hasParam = (value: unknown, key: string): boolean =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined;

/**
 * Params naming one identity by `did` or by `identityChainId` (exactly one), with `rest`. When
 * neither is given, the SDK's "identityChainId is required." answers.
 */
function identityRef<S extends Record<string, Schema<unknown>>>(rest: S): Schema<IdentityRef & ObjectOf<S>> {
  const both = refuse('Give either did or identityChainId, not both.');
  // The other one is declared, so that a page sending it as undefined is not told it is unknown.
  const byDid = object({ did: did('did'), identityChainId: optional(both), ...rest });
  const byChainId = object({ identityChainId, did: optional(both), ...rest });
  return choose<unknown>((value) =>
    hasParam(value, 'did') && hasParam(value, 'identityChainId') ? both : hasParam(value, 'did') ? byDid : byChainId,
  ) as Schema<IdentityRef & ObjectOf<S>>;
}

/** The base58 of a 65-byte secp256k1 key is at most 90 characters. */
const IOTICS_KEY_BASE58_LENGTH = 90;
const isIoticsKeyBase58 = (text: string): boolean => {
  try {
    return isIoticsPublicKey(base58Decode(text, IOTICS_KEY_BASE58_LENGTH));
  } catch {
    return false;
  }
};
/** An idpub (Sigil format) or the base58 of an IOTICS secp256k1 key. */
const publicKeyOfEitherFormat = (field: string): Schema<string> =>
  string({
    max: IOTICS_KEY_BASE58_LENGTH,
    message: `${field} is an invalid public key.`,
    refine: { test: (text) => isIdpub(text) || isIoticsKeyBase58(text), message: `${field} is an invalid public key.` },
  });

/** Longest audience (an origin or URL) a page may ask a token for. */
const MAX_AUDIENCE_LENGTH = 512;
const MAX_NAME_LENGTH = 1024;
const MAX_NAMES = 64;

export const MAX_TOKEN_SECONDS = 24 * 60 * 60;

export const pageParamSchemas: { [M in PageMethod]: Schema<PageParams<M>> } = {
  sigil_ping: none(),
  sigil_connect: object({ kinds: optional(array(oneOf(ENTITY_KINDS), { min: 1, max: 3, unique: true })) }),
  sigil_entities: none(),
  sigil_disconnect: none(),
  sigil_authToken: object({
    user: did('user'),
    agent: optional(did('agent')),
    audience: optional(string({ min: 1, max: MAX_AUDIENCE_LENGTH })),
    durationSeconds: optional(
      integer({ min: 1, max: MAX_TOKEN_SECONDS, message: 'durationSeconds must be an integer from 1 to 86400.' }),
    ),
  }),
  sigil_delegationProof: object({
    agent: did('agent'),
    delegator: did('delegator'),
    proofType: optional(oneOf(['did', 'generic'] as const)),
  }),
  sigil_createIdentity: object({
    kind: oneOf(ENTITY_KINDS),
    format: optional(oneOf(IDENTITY_FORMATS)),
    label: optional(displayText({ max: LABEL_MAX_LENGTH })),
    names: optional(array(displayText({ min: 1, max: MAX_NAME_LENGTH }), { max: MAX_NAMES })),
    delegateTo: optional(did('delegateTo')),
  }),
  sigil_identity: identityRef({}),
  sigil_identityKeys: identityRef({
    limit: optional(integer({ message: 'limit must be an integer.' })),
    offset: optional(integer({ message: 'offset must be an integer.' })),
  }),
  sigil_identityKey: identityRef({
    // Decoded by the handler (the Factom SDK's keys.get); bounded here so an over-long key is never decoded.
    key: string({ min: 1, max: FACTOM_KEY_LENGTH, message: 'key is invalid.' }),
  }),
  sigil_replaceKey: object({
    did: did('did'),
    oldPublicKey: publicKeyOfEitherFormat('oldPublicKey'),
    newPublicKey: optional(idpub('newPublicKey')),
    signerPublicKey: optional(idpub('signerPublicKey')),
  }),
  sigil_document: object({ did: did('did') }),
};

export function isPageMethod(value: unknown): value is PageMethod {
  return typeof value === 'string' && Object.hasOwn(pageParamSchemas, value);
}
