/**
 * Full validation of a DID document (DESIGN §2.5) from untrusted JSON. Delegations are checked for
 * shape only here: whether one is valid needs the controller's document (see delegation.ts).
 */
import { base58Encode } from './base58';
import { base64Decode } from './base64';
import { didFromPublicKey, parseDid } from './did';
import { delegationListsError } from './delegation-shape';
import { documentKeys, proofMessage } from './document';
import { DID_CONTEXT, IOTICS_SPEC_VERSION, KEY_TYPE, type DidDocument } from './document-types';
import { verify } from './ed25519';
import { CoreError } from './errors';
import { replayIdentityChain, type IdentityState } from './replay';
import { ENTITY_KINDS, type EntityKind } from './types';

export type DocumentCheck =
  | { valid: true; document: DidDocument; state: IdentityState }
  | { valid: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function shapeError(doc: Record<string, unknown>): string | undefined {
  if (doc['@context'] !== DID_CONTEXT) return `@context must be ${DID_CONTEXT}`;
  if (typeof doc.id !== 'string') return 'id must be a string';
  if (doc.ioticsSpecVersion !== IOTICS_SPEC_VERSION) return `ioticsSpecVersion must be ${IOTICS_SPEC_VERSION}`;
  if (!ENTITY_KINDS.includes(doc.ioticsDIDType as EntityKind)) return 'ioticsDIDType must be user, agent or twin';
  if (typeof doc.updateTime !== 'number' || !Number.isSafeInteger(doc.updateTime) || doc.updateTime < 0)
    return 'updateTime must be a non-negative integer';
  if (typeof doc.proof !== 'string') return 'proof must be a string';
  if (!Array.isArray(doc.publicKey)) return 'publicKey must be an array';
  for (const [i, key] of doc.publicKey.entries()) {
    if (!isObject(key)) return `publicKey[${i}] must be an object`;
    if (typeof key.id !== 'string') return `publicKey[${i}].id must be a string`;
    if (key.type !== KEY_TYPE) return `publicKey[${i}].type must be ${KEY_TYPE}`;
    if (typeof key.publicKeyBase58 !== 'string' || typeof key.idpub !== 'string')
      return `publicKey[${i}] must have publicKeyBase58 and idpub strings`;
    if (typeof key.priority !== 'number' || typeof key.revoked !== 'boolean')
      return `publicKey[${i}] must have a numeric priority and a boolean revoked`;
  }
  if (!Array.isArray(doc.authentication)) return 'authentication must be an array';
  const delegationError = delegationListsError({
    delegateAuthentication: doc.delegateAuthentication,
    delegateControl: doc.delegateControl,
  });
  if (delegationError) return delegationError;
  if (!isObject(doc.metadata)) return 'metadata must be an object';
  if (doc.metadata.label !== undefined && typeof doc.metadata.label !== 'string') return 'metadata.label must be a string';
  if (typeof doc.revoked !== 'boolean') return 'revoked must be true or false';
  if (!isObject(doc.identityChain)) return 'identityChain must be an object';
  return undefined;
}

async function check(input: unknown): Promise<DocumentCheck> {
  if (!isObject(input)) return { valid: false, reason: 'document must be a JSON object' };
  const shape = shapeError(input);
  if (shape) return { valid: false, reason: shape };
  const doc = input as unknown as DidDocument;
  try {
    parseDid(doc.id);
  } catch (error) {
    return { valid: false, reason: `id: ${(error as Error).message}` };
  }
  const chain = doc.identityChain;
  if (!Array.isArray(chain.names) || chain.names[0] !== doc.id)
    return { valid: false, reason: 'identityChain names[0] is not the DID' };

  let state: IdentityState;
  try {
    state = await replayIdentityChain(chain);
  } catch (error) {
    if (error instanceof CoreError) return { valid: false, reason: error.message };
    throw error;
  }

  const genesis = state.keys[0]!;
  if (genesis.priority !== 0 || didFromPublicKey(genesis.publicKey) !== doc.id)
    return { valid: false, reason: 'the DID does not match the genesis master key' };
  let proof: Uint8Array;
  try {
    proof = base64Decode(doc.proof);
  } catch {
    return { valid: false, reason: 'proof must be base64' };
  }
  if (!(await verify(proof, proofMessage(doc.id), genesis.publicKey)))
    return { valid: false, reason: 'proof does not verify' };

  const expected = documentKeys(doc.ioticsDIDType, state);
  if (doc.publicKey.length !== expected.length)
    return {
      valid: false,
      reason: `publicKey lists ${doc.publicKey.length} keys but the identity chain has ${expected.length}`,
    };
  for (const [i, want] of expected.entries()) {
    const got = doc.publicKey[i]!;
    if (got.idpub !== want.idpub) return { valid: false, reason: `publicKey[${i}] is not the key the identity chain holds` };
    if (got.id !== want.id) return { valid: false, reason: `publicKey[${i}] id must be ${want.id}` };
    if (got.priority !== want.priority) return { valid: false, reason: `publicKey[${i}] (${want.id}) priority must be ${want.priority}` };
    if (got.publicKeyBase58 !== base58Encode(state.keys[i]!.publicKey))
      return { valid: false, reason: `publicKey[${i}] (${want.id}) publicKeyBase58 does not match its idpub` };
    if (want.revoked && !got.revoked) return { valid: false, reason: `a replaced key is not marked revoked: ${want.id}` };
    if (!want.revoked && got.revoked) return { valid: false, reason: `an active key is marked revoked: ${want.id}` };
  }
  return { valid: true, document: doc, state };
}

/** Never throws for bad input: an invalid document gives `{valid: false, reason}`. */
export const validateDocument = (document: unknown): Promise<DocumentCheck> => check(document);

/** Like validateDocument, but throws a CoreError('INVALID_DOCUMENT') with the reason. */
export async function assertValidDocument(document: unknown): Promise<{ document: DidDocument; state: IdentityState }> {
  const result = await check(document);
  if (!result.valid) throw new CoreError('INVALID_DOCUMENT', `invalid DID document: ${result.reason}`);
  return { document: result.document, state: result.state };
}
