/**
 * DID documents (DESIGN §2.5): building one from an identity chain, and updating it.
 */
import { base58Encode } from './base58';
import { base64Decode, base64Encode } from './base64';
import { equalBytes, utf8Encode } from './bytes';
import { didFromPublicKey, parseDid } from './did';
import { isSafeDisplayText, UNSAFE_DISPLAY_TEXT_MESSAGE } from './display-text';
import { getPublicKey, sign, verify } from './ed25519';
import { CoreError } from './errors';
import { encodeIdpub } from './factom-keys';
import { createIdentityChain, type IdentityChainJson } from './identity-chain';
import { checkDelegationInput, delegationListsError } from './delegation-shape';
import {
  DID_CONTEXT,
  IOTICS_SPEC_VERSION,
  KEY_TYPE,
  LABEL_MAX_LENGTH,
  type Delegation,
  type DelegationInput,
  type DidDocument,
  type DocumentKey,
} from './document-types';
import { replayIdentityChain, type IdentityState } from './replay';
import { assertEntityKind, keyId, type EntityKind } from './types';

/** The document's `publicKey` list: every key the chain ever had, in replay order. */
export const documentKeys = (kind: EntityKind, state: IdentityState): DocumentKey[] =>
  state.keys.map((key) => ({
    id: keyId(kind, key.priority, key.generation),
    type: KEY_TYPE,
    publicKeyBase58: base58Encode(key.publicKey),
    idpub: key.idpub,
    priority: key.priority,
    revoked: key.retiredHeight !== null,
  }));

export const proofMessage = (did: string): Uint8Array => utf8Encode(did);

/** `proof` of a document: the genesis master key's signature over ASCII(did), base64. */
export async function createDocumentProof(genesisSecretKey: Uint8Array, did: string): Promise<string> {
  parseDid(did);
  return base64Encode(await sign(proofMessage(did), genesisSecretKey));
}

function checkUpdateTime(updateTime: unknown): asserts updateTime is number {
  if (typeof updateTime !== 'number' || !Number.isSafeInteger(updateTime) || updateTime < 0)
    throw new CoreError('INVALID_PARAMS', 'updateTime must be a non-negative integer (milliseconds)');
}

function checkLabel(label: unknown): asserts label is string | undefined {
  if (label === undefined) return;
  if (typeof label !== 'string' || [...label].length > LABEL_MAX_LENGTH)
    throw new CoreError('INVALID_PARAMS', `label must be a string of at most ${LABEL_MAX_LENGTH} characters`);
  if (!isSafeDisplayText(label)) throw new CoreError('INVALID_PARAMS', `label ${UNSAFE_DISPLAY_TEXT_MESSAGE}`);
}

const genesisMasterKey = (state: IdentityState) => state.keys[0]!;

export interface DocumentFields {
  kind: EntityKind;
  identityChain: IdentityChainJson;
  proof: string;
  updateTime: number;
  label?: string;
  delegateAuthentication?: Delegation[];
  delegateControl?: Delegation[];
  revoked?: boolean;
}

function assemble(fields: DocumentFields, state: IdentityState): DidDocument {
  const did = state.names[0]!;
  return {
    '@context': DID_CONTEXT,
    id: did,
    ioticsSpecVersion: IOTICS_SPEC_VERSION,
    ioticsDIDType: fields.kind,
    updateTime: fields.updateTime,
    proof: fields.proof,
    publicKey: documentKeys(fields.kind, state),
    authentication: [],
    delegateAuthentication: (fields.delegateAuthentication ?? []).map((d) => ({ ...d })),
    delegateControl: (fields.delegateControl ?? []).map((d) => ({ ...d })),
    metadata: fields.label === undefined ? {} : { label: fields.label },
    revoked: fields.revoked ?? false,
    identityChain: {
      chainId: fields.identityChain.chainId,
      names: [...fields.identityChain.names],
      entries: fields.identityChain.entries.map((e) => ({ extIds: [...e.extIds], content: e.content })),
    },
  };
}

/**
 * A document from its chain and proof. Checks what construction does not guarantee: the chain
 * replays, names[0] is a DID made from the genesis master key, and the proof verifies.
 */
export async function buildDocument(fields: DocumentFields): Promise<DidDocument> {
  assertEntityKind(fields.kind);
  checkUpdateTime(fields.updateTime);
  checkLabel(fields.label);
  const delegationError = delegationListsError({
    delegateAuthentication: fields.delegateAuthentication ?? [],
    delegateControl: fields.delegateControl ?? [],
  });
  if (delegationError) throw new CoreError('INVALID_PARAMS', delegationError);
  if (fields.revoked !== undefined && typeof fields.revoked !== 'boolean')
    throw new CoreError('INVALID_PARAMS', 'revoked must be true or false');
  const state = await replayIdentityChain(fields.identityChain);
  const did = state.names[0]!;
  parseDid(did);
  const genesis = genesisMasterKey(state);
  if (didFromPublicKey(genesis.publicKey) !== did)
    throw new CoreError('INVALID_DOCUMENT', 'the DID does not match the genesis master key');
  let proof: Uint8Array;
  try {
    proof = base64Decode(fields.proof);
  } catch {
    throw new CoreError('INVALID_DOCUMENT', 'proof must be base64');
  }
  if (!(await verify(proof, proofMessage(did), genesis.publicKey)))
    throw new CoreError('INVALID_DOCUMENT', 'proof does not verify');
  return assemble(fields, state);
}

export interface IdentityKeyInput {
  publicKey: Uint8Array;
  /** Needed for the master key (index 0) only: it signs the document proof. */
  secretKey?: Uint8Array;
}

export interface NewIdentity {
  did: string;
  chainId: string;
  entryHash: string;
  document: DidDocument;
}


/**
 * A new identity: DID from keys[0], names [did, ...extraNames], the chain's first entry and the
 * document. `keys` go from priority 0 down; Sigil entities have three. Delegations given here are
 * stored as #deleg-0, #deleg-1, … in the list the kind uses (user: authentication, twin: control).
 */
export async function createIdentity(params: {
  kind: EntityKind;
  keys: readonly IdentityKeyInput[];
  extraNames?: readonly string[];
  label?: string;
  updateTime: number;
  delegations?: readonly DelegationInput[];
}): Promise<NewIdentity> {
  const { kind, keys, extraNames = [], label, updateTime, delegations = [] } = params;
  assertEntityKind(kind);
  checkUpdateTime(updateTime);
  checkLabel(label);
  if (!Array.isArray(keys) || keys.length === 0) throw new CoreError('INVALID_PARAMS', 'at least 1 key is required.');
  const master = keys[0]!;
  if (!(master.secretKey instanceof Uint8Array)) throw new CoreError('INVALID_PARAMS', 'the master key needs its secret key');
  const masterPublic = await getPublicKey(master.secretKey);
  if (!(master.publicKey instanceof Uint8Array) || !equalBytes(masterPublic, master.publicKey))
    throw new CoreError('INVALID_PARAMS', 'the master secret key does not match keys[0].publicKey');
  const did = didFromPublicKey(masterPublic);
  const created = createIdentityChain({ names: [did, ...extraNames], keys: keys.map((k) => encodeIdpub(k.publicKey)) });
  const list = delegations.map((d, n) => checkDelegationInput(d, `#deleg-${n}`));
  if (list.length > 0 && kind === 'agent') throw new CoreError('INVALID_PARAMS', 'an agent does not delegate');
  const document = await buildDocument({
    kind,
    identityChain: created.chain,
    proof: await createDocumentProof(master.secretKey, did),
    updateTime,
    ...(label === undefined ? {} : { label }),
    ...(kind === 'twin' ? { delegateControl: list } : { delegateAuthentication: list }),
  });
  return { did, chainId: created.chainId, entryHash: created.entryHash, document };
}

export interface DocumentUpdate {
  updateTime: number;
  /** The chain with new entries appended; history cannot be rewritten. */
  identityChain?: IdentityChainJson;
  /** A string sets the label, null removes it. */
  label?: string | null;
  delegateAuthentication?: Delegation[];
  delegateControl?: Delegation[];
  revoked?: boolean;
}

function extendsChain(before: IdentityChainJson, after: IdentityChainJson): boolean {
  return (
    after.chainId === before.chainId &&
    after.names.length === before.names.length &&
    after.names.every((name, i) => name === before.names[i]) &&
    after.entries.length >= before.entries.length &&
    before.entries.every((entry, i) => {
      const other = after.entries[i];
      return (
        other !== undefined &&
        other.content === entry.content &&
        other.extIds.length === entry.extIds.length &&
        other.extIds.every((extId, j) => extId === entry.extIds[j])
      );
    })
  );
}

/** A new document with the changes applied; `publicKey` is recomputed from the chain. */
export async function updateDocument(document: DidDocument, update: DocumentUpdate): Promise<DidDocument> {
  checkUpdateTime(update?.updateTime);
  if (update.updateTime <= document.updateTime)
    throw new CoreError(
      'UPDATE_TIME',
      `updateTime must be greater than the document's current updateTime (${document.updateTime})`,
    );
  if (document.revoked) throw new CoreError('DOCUMENT_REVOKED', 'a revoked document cannot be updated');
  const identityChain = update.identityChain ?? document.identityChain;
  if (!extendsChain(document.identityChain, identityChain))
    throw new CoreError('INVALID_PARAMS', 'identityChain must extend the document\'s chain (entries are append-only)');
  const label = update.label === undefined ? document.metadata.label : (update.label ?? undefined);
  return buildDocument({
    kind: document.ioticsDIDType,
    identityChain,
    proof: document.proof,
    updateTime: update.updateTime,
    ...(label === undefined ? {} : { label }),
    delegateAuthentication: update.delegateAuthentication ?? document.delegateAuthentication,
    delegateControl: update.delegateControl ?? document.delegateControl,
    revoked: update.revoked ?? document.revoked,
  });
}
