/** UI ⇄ background messages for identities: create, view, replace keys, delegations. */
import { DID_LENGTH, DID_PATTERN, isValidDid } from '../../core/did';
import { FACTOM_KEY_LENGTH, isIdpub } from '../../core/factom-keys';
import { array, displayText, none, object, oneOf, optional, string, type Schema } from '../schema';
import { ENTITY_KINDS, type EntityKind, type Stage } from '../page-api';

export interface EntitySummary {
  did: string;
  kind: EntityKind;
  label: string;
  stage: Stage;
  createdAt: number;
}

export interface KeyView {
  /** `#{kind}-{p}-{g}` */
  id: string;
  idpub: string;
  priority: number;
  active: boolean;
  activatedHeight: number;
  retiredHeight: number | null;
  entryHash: string;
}

export interface HistoryView {
  height: number;
  entryHash: string;
  kind: 'created' | 'replaced';
  /** For a replacement: old → new key ids and the signer. */
  oldKeyId?: string;
  newKeyId?: string;
  signerKeyId?: string;
  stage: Stage;
}

export interface DelegationView {
  /** 'given': this entity delegates to an agent; 'received': another entity delegates to this agent. */
  direction: 'given' | 'received';
  type: 'authentication' | 'control';
  id: string;
  /** The other party's DID and label when known. */
  otherDid: string;
  otherLabel: string | null;
  controller: string;
  proofType: 'did' | 'generic';
  revoked: boolean;
  /** 'unknown': the controller's document is not in this wallet, so the proof was not checked. */
  status: 'valid' | 'needs-renewal' | 'invalid' | 'unknown';
}

export interface EntityView extends EntitySummary {
  names: string[];
  chainId: string;
  keys: KeyView[];
  history: HistoryView[];
  delegations: DelegationView[];
}

export interface ReplacementPlan {
  did: string;
  oldKey: KeyView;
  signer: KeyView;
  /** Plain words: why this signer may replace this key. */
  reason: string;
  requiresPassword: boolean;
}

export interface NewEntityInput {
  label: string;
  /** The secret key name (IOTICS); with the seed it recovers every key of the entity. */
  keyName: string;
  seedId?: string;
  names?: string[];
}

export interface IdentityMessages {
  ui_entities: { request: undefined; response: { entities: EntitySummary[] } };
  ui_entity: { request: { did: string }; response: EntityView };
  ui_createEntity: { request: NewEntityInput & { kind: EntityKind }; response: EntitySummary };
  /** IOTICS high level: a User and an Agent, the User delegating authentication to the Agent. */
  ui_createUserAndAgent: { request: { user: NewEntityInput; agent: NewEntityInput }; response: { user: EntitySummary; agent: EntitySummary } };
  /** IOTICS high level: a Twin delegating control to an existing Agent. */
  ui_createTwin: { request: NewEntityInput & { agent: string }; response: EntitySummary };
  ui_planReplacement: { request: { did: string; oldKey: string }; response: ReplacementPlan };
  ui_replaceKey: {
    request: { did: string; oldKey: string; newPublicKey?: string; password?: string };
    response: { entry_hash: string; stage: Stage; renewed: string[] };
  };
  ui_renewDelegation: { request: { did: string; delegationId: string }; response: EntityView };
  ui_registerEntity: { request: { did: string }; response: EntitySummary };
  /** The entity's DID document and its signed document token (public data). */
  ui_document: { request: { did: string }; response: { document: unknown; token: string } };
}

const did = string({
  max: DID_LENGTH,
  pattern: DID_PATTERN,
  message: 'A did:iotics DID is required.',
  refine: { test: isValidDid, message: 'The DID is not valid: its checksum does not verify.' },
});
const idpub = (field: string): Schema<string> =>
  string({
    max: FACTOM_KEY_LENGTH,
    pattern: /^idpub/,
    message: `${field} must be an idpub… key.`,
    refine: { test: isIdpub, message: `${field} is not a valid idpub key: its checksum does not verify.` },
  });
const newEntity = {
  label: displayText({ min: 1, max: 64, message: 'A label of 1 to 64 characters is required.' }),
  keyName: string({ min: 1, max: 64, message: 'A key name of 1 to 64 characters is required.' }),
  seedId: optional(string({ min: 1, max: 100 })),
  names: optional(array(displayText({ min: 1, max: 1024 }), { max: 64 })),
};

export const identitySchemas: { [M in keyof IdentityMessages]: Schema<IdentityMessages[M]['request']> } = {
  ui_entities: none(),
  ui_entity: object({ did }),
  ui_createEntity: object({ ...newEntity, kind: oneOf(ENTITY_KINDS) }),
  ui_createUserAndAgent: object({ user: object(newEntity), agent: object(newEntity) }),
  ui_createTwin: object({ ...newEntity, agent: did }),
  ui_planReplacement: object({ did, oldKey: idpub('oldKey') }),
  ui_replaceKey: object({ did, oldKey: idpub('oldKey'), newPublicKey: optional(idpub('newPublicKey')), password: optional(string({ max: 1024 })) }),
  ui_renewDelegation: object({ did, delegationId: string({ min: 1, max: 100 }) }),
  ui_registerEntity: object({ did }),
  ui_document: object({ did }),
};
