/** UI ⇄ background messages for identities: create, view, replace keys, delegations. */
import { DID_LENGTH, DID_PATTERN, isValidDid } from '../../core/did';
import { FACTOM_KEY_LENGTH, isIdpub } from '../../core/factom-keys';
import { IOTICS_NAME_PATTERN } from '../../core/iotics/document-types';
import { IDENTITY_FORMATS, type IdentityFormat } from '../../core/types';
import { array, displayText, none, object, oneOf, optional, string, type Schema } from '../schema';
import { ENTITY_KINDS, type EntityKind, type Stage } from '../page-api';

/** `sigil`: Ed25519 keys on a Factom identity chain (DESIGN §2.2–2.7); `iotics`: the IOTICS libraries' format (§2.8). */
export { IDENTITY_FORMATS, type IdentityFormat };

export interface EntitySummary {
  did: string;
  kind: EntityKind;
  format: IdentityFormat;
  label: string;
  stage: Stage;
  createdAt: number;
  /** The identities this one delegates to (not revoked), as its current document names them. */
  delegatesTo?: DelegationLink[];
}

/** "This identity delegates authentication (a User) or control (a Twin) to the identity `did`." */
export interface DelegationLink {
  did: string;
  type: 'authentication' | 'control';
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

interface EntityViewBase extends EntitySummary {
  delegations: DelegationView[];
  /**
   * `default`: one of the wallet's default key names, found again from the recovery phrase alone;
   * `custom`: a name the person chose, which must be written down. Absent when the wallet holds no key
   * name for it or is locked.
   */
  keyName?: 'default' | 'custom';
}

/** A Sigil-format entity: its identity chain, keys by priority and the chain's history. */
export interface SigilEntityView extends EntityViewBase {
  format: 'sigil';
  names: string[];
  chainId: string;
  keys: KeyView[];
  history: HistoryView[];
}

/** A key of an IOTICS document (`publicKey` or `authentication`). */
export interface IoticsKeyView {
  /** e.g. `#agent-0` */
  id: string;
  /** base58 of the 65-byte SEC1 uncompressed secp256k1 key. */
  publicKeyBase58: string;
  revoked: boolean;
}

/** An owner key a rotation removed from the document (IOTICS cuts a key off by removing it). */
export interface IoticsRemovedKeyView {
  id: string;
  publicKeyBase58: string;
  /** The document's updateTime (ms) of the version that removed it. */
  removedAt: number;
  /** The id of the key that replaced it, when a rotation removed it. */
  replacedBy: string | null;
}

/**
 * An IOTICS-format entity: no identity chain (so no names, chain id, Factom keys or chain history), the
 * document's keys, delegations and the keys rotated out.
 */
export interface IoticsEntityView extends EntityViewBase {
  format: 'iotics';
  names: [];
  chainId: null;
  keys: [];
  history: [];
  /** The current document's updateTime (ms). */
  updateTime: number;
  /** Owner keys, as the document lists them (newest first). */
  publicKey: IoticsKeyView[];
  authentication: IoticsKeyView[];
  /** Oldest first. */
  removedKeys: IoticsRemovedKeyView[];
}

export type EntityView = SigilEntityView | IoticsEntityView;

export interface ReplacementPlan {
  did: string;
  oldKey: KeyView;
  signer: KeyView;
  /** Plain words: why this signer may replace this key. */
  reason: string;
  requiresPassword: boolean;
}

/**
 * Rotating an owner key of an IOTICS entity (DESIGN §2.8): a new key (derived from the seed, so the
 * seed recovers it) is added and the old one removed from the document; the delegations the wallet
 * holds that name the old key are renewed. Like a priority-0 Factom replacement it needs the password.
 */
export interface IoticsRotationPlan {
  did: string;
  oldKey: IoticsKeyView;
  /** The id the new key gets, e.g. `#agent-1`. */
  newKeyId: string;
  /** The owner key that signs the update (the old key itself when it is the only one: two signed steps). */
  signer: IoticsKeyView;
  /** Plain words: what happens and why this key signs. */
  reason: string;
  requiresPassword: boolean;
  /** DIDs (in this wallet) whose delegations name the old key and will be renewed. */
  renews: string[];
}

/** An identity restoring a phrase found on the resolver and put back in the wallet. */
export interface RestoredIdentityView extends EntitySummary {
  /**
   * The key it signs with now, in words: `#agent-1` (IOTICS: the n-th rotated key), or
   * `#agent-2-1` (Sigil: priority 2, generation 1 — one replacement).
   */
  currentKeyId: string;
  /** How many times its keys were replaced or rotated (0: the keys it was created with). */
  replacements: number;
}

/**
 * What restoring a phrase found (src/core/discovery.ts). `status`: `restored` (at least one
 * identity came back), `none-found`, `no-resolver` (none is set: only the seed was restored),
 * `unreachable` (the resolver did not answer: nothing was written; try again later).
 */
export interface DiscoveryReport {
  status: 'restored' | 'none-found' | 'no-resolver' | 'unreachable';
  resolverUrl: string;
  restored: RestoredIdentityView[];
  /** Found, but already in this wallet: left as they are. */
  alreadyInWallet: string[];
  /** Found under a default name but refused: the document did not verify or no key of it derives from the phrase. */
  refused: { did: string; kind: EntityKind; format: IdentityFormat; reason: string }[];
  lookups: number;
  /** False when the lookup cap ended the search early. */
  complete: boolean;
  /** Plain words for `unreachable`. */
  problem?: string;
}

export interface NewEntityInput {
  label: string;
  /**
   * The secret key name (IOTICS); with the seed it recovers every key of the entity. Left out: the
   * seed's next default name (`user-0`, `user-1`…), which restoring the phrase alone finds again; a
   * name given here must be written down next to the phrase.
   */
  keyName?: string;
  seedId?: string;
  /** Extra names on the identity chain (Sigil format only). */
  names?: string[];
}

/** The format of new entities; `sigil` when left out. A User or Twin and its Agent are always of one format. */
interface FormatChoice {
  format?: IdentityFormat;
}

export interface IdentityMessages {
  ui_entities: { request: undefined; response: { entities: EntitySummary[] } };
  ui_entity: { request: { did: string }; response: EntityView };
  ui_createEntity: { request: NewEntityInput & FormatChoice & { kind: EntityKind }; response: EntitySummary };
  /** IOTICS high level: a User and an Agent, the User delegating authentication to the Agent. */
  ui_createUserAndAgent: {
    request: { user: NewEntityInput; agent: NewEntityInput } & FormatChoice;
    response: { user: EntitySummary; agent: EntitySummary };
  };
  /** IOTICS high level: a Twin delegating control to an existing Agent (of the same format). */
  ui_createTwin: { request: NewEntityInput & FormatChoice & { agent: string }; response: EntitySummary };
  /** Sigil format only (an IOTICS entity: ui_planIoticsRotation). */
  ui_planReplacement: { request: { did: string; oldKey: string }; response: ReplacementPlan };
  /** Sigil format only (an IOTICS entity: ui_rotateIoticsKey). */
  ui_replaceKey: {
    request: { did: string; oldKey: string; newPublicKey?: string; password?: string };
    response: { entry_hash: string; stage: Stage; renewed: string[] };
  };
  /** IOTICS format only: what rotating the owner key `keyId` (e.g. `#agent-0`) will do. */
  ui_planIoticsRotation: { request: { did: string; keyId: string }; response: IoticsRotationPlan };
  /** IOTICS format only: rotates the owner key `keyId`; `renewed` are the DIDs whose delegations were renewed. */
  ui_rotateIoticsKey: {
    request: { did: string; keyId: string; password?: string };
    response: { newKeyId: string; stage: Stage; renewed: string[] };
  };
  ui_renewDelegation: { request: { did: string; delegationId: string }; response: EntityView };
  ui_registerEntity: { request: { did: string }; response: EntitySummary };
  /** The entity's DID document and its signed document token (public data). */
  ui_document: { request: { did: string }; response: { document: unknown; token: string } };
  /**
   * Recovery from the phrase alone: looks on the configured resolver for the identities this seed
   * (default: the first) made under default key names, and restores them with their current
   * documents. Once per request id; identities already in the wallet are left as they are.
   */
  ui_discoverIdentities: { request: { seedId?: string }; response: DiscoveryReport };
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
/** The longest key name either format takes (Sigil's own rule, 64, is checked when the entity is made). */
const KEY_NAME_MAX = 256;
const newEntity = {
  label: displayText({ min: 1, max: 64, message: 'A label of 1 to 64 characters is required.' }),
  keyName: optional(string({ min: 1, max: KEY_NAME_MAX, message: `A key name of 1 to ${KEY_NAME_MAX} characters is required.` })),
  seedId: optional(string({ min: 1, max: 100 })),
  names: optional(array(displayText({ min: 1, max: 1024 }), { max: 64 })),
};

const format = optional(oneOf(IDENTITY_FORMATS));
const ioticsKeyId = string({ max: 25, pattern: IOTICS_NAME_PATTERN, message: 'keyId must be # followed by 1 to 24 of a-z A-Z 0-9 - _.' });

export const identitySchemas: { [M in keyof IdentityMessages]: Schema<IdentityMessages[M]['request']> } = {
  ui_entities: none(),
  ui_entity: object({ did }),
  ui_createEntity: object({ ...newEntity, format, kind: oneOf(ENTITY_KINDS) }),
  ui_createUserAndAgent: object({ user: object(newEntity), agent: object(newEntity), format }),
  ui_createTwin: object({ ...newEntity, format, agent: did }),
  ui_planReplacement: object({ did, oldKey: idpub('oldKey') }),
  ui_replaceKey: object({ did, oldKey: idpub('oldKey'), newPublicKey: optional(idpub('newPublicKey')), password: optional(string({ max: 1024 })) }),
  ui_planIoticsRotation: object({ did, keyId: ioticsKeyId }),
  ui_rotateIoticsKey: object({ did, keyId: ioticsKeyId, password: optional(string({ max: 1024 })) }),
  ui_renewDelegation: object({ did, delegationId: string({ min: 1, max: 100 }) }),
  ui_registerEntity: object({ did }),
  ui_document: object({ did }),
  ui_discoverIdentities: object({ seedId: optional(string({ min: 1, max: 100 })) }),
};
