/**
 * The page API contract (DESIGN.md §3): one typed map from method name to params and result, and
 * one params schema per method. The in-page provider, the content bridge and the background router
 * all use these types, so every context is checked by the compiler against the same contract.
 */
import { isValidDid } from '../core/did';
import type { FactomIdentity, FactomKey, FactomKeyList, Stage } from '../core/factom-api';
import { isIdpub } from '../core/factom-keys';
import { invalidParams } from './errors';
import { array, integer, none, object, oneOf, optional, string, type Schema } from './schema';

export const ENTITY_KINDS = ['user', 'agent', 'twin'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface SharedEntity {
  did: string;
  kind: EntityKind;
  label: string;
}

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
    params: { kind: EntityKind; label?: string; names?: string[]; delegateTo?: string };
    result: { did: string; chain_id: string; entry_hash: string; stage: Stage };
  };
  sigil_identity: { params: { did: string }; result: { data: Omit<FactomIdentity['data'], 'all_keys_href'> } };
  sigil_identityKeys: {
    params: { did: string; limit?: number; offset?: number };
    result: FactomKeyList;
  };
  sigil_identityKey: { params: { did: string; key: string }; result: { data: FactomKey } };
  sigil_replaceKey: {
    params: { did: string; oldPublicKey: string; newPublicKey?: string };
    result: { entry_hash: string; stage: Stage };
  };
  sigil_document: { params: { did: string }; result: { document: unknown; token: string } };
}

export type PageMethod = keyof PageMethodMap;
export type PageParams<M extends PageMethod> = PageMethodMap[M]['params'];
export type PageResult<M extends PageMethod> = PageMethodMap[M]['result'];

export const PAGE_EVENTS = ['entitiesChanged', 'lock', 'unlock', 'disconnect'] as const;
export type PageEvent = (typeof PAGE_EVENTS)[number];

const DID_PATTERN = /^did:iotics:iot[1-9A-HJ-NP-Za-km-z]{33}$/;
const IDPUB_PATTERN = /^idpub[1-9A-HJ-NP-Za-km-z]{50}$/;

/** A did:iotics DID whose checksum verifies (DESIGN.md §2.3: a bad checksum is invalid everywhere). */
const did = (field: string): Schema<string> => {
  const shape = string({ pattern: DID_PATTERN, message: `${field} must be a did:iotics DID.` });
  return {
    parse(value, path) {
      const text = shape.parse(value, path);
      if (!isValidDid(text)) throw invalidParams(`${field} is not a valid DID: its checksum does not verify.`);
      return text;
    },
  };
};
/** An idpub whose prefix, length and checksum verify (the Factom SDK's message otherwise). */
const idpub = (field: string): Schema<string> => {
  const shape = string({ pattern: IDPUB_PATTERN, message: `${field} is an invalid public key.` });
  return {
    parse(value, path) {
      const text = shape.parse(value, path);
      if (!isIdpub(text)) throw invalidParams(`${field} is an invalid public key.`);
      return text;
    },
  };
};

export const MAX_TOKEN_SECONDS = 24 * 60 * 60;

export const pageParamSchemas: { [M in PageMethod]: Schema<PageParams<M>> } = {
  sigil_ping: none(),
  sigil_connect: object({ kinds: optional(array(oneOf(ENTITY_KINDS), { min: 1, max: 3, unique: true })) }),
  sigil_entities: none(),
  sigil_disconnect: none(),
  sigil_authToken: object({
    user: did('user'),
    agent: optional(did('agent')),
    audience: optional(string({ min: 1, max: 512 })),
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
    label: optional(string({ max: 64 })),
    names: optional(array(string({ min: 1, max: 1024 }), { max: 64 })),
    delegateTo: optional(did('delegateTo')),
  }),
  sigil_identity: object({ did: did('did') }),
  sigil_identityKeys: object({
    did: did('did'),
    limit: optional(integer({ message: 'limit must be an integer.' })),
    offset: optional(integer({ message: 'offset must be an integer.' })),
  }),
  sigil_identityKey: object({
    did: did('did'),
    key: string({ min: 1, message: 'key is invalid.' }),
  }),
  sigil_replaceKey: object({
    did: did('did'),
    oldPublicKey: idpub('oldPublicKey'),
    newPublicKey: optional(idpub('newPublicKey')),
  }),
  sigil_document: object({ did: did('did') }),
};

export function isPageMethod(value: unknown): value is PageMethod {
  return typeof value === 'string' && Object.hasOwn(pageParamSchemas, value);
}
