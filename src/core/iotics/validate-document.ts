/**
 * Validation of an IOTICS DID document (DESIGN §2.8, research note §3) from untrusted JSON. Delegations
 * are checked for shape here; whether one is valid needs the controller's document (iotics/delegation.ts).
 */
import { base58Decode } from '../base58';
import { base64Decode } from '../base64';
import { utf8Encode } from '../bytes';
import { parseDid, parseDidUrl } from '../did';
import { CoreError } from '../errors';
import {
  IOTICS_AUTH_KEY_TYPE,
  IOTICS_DID_CONTEXT,
  IOTICS_DID_TYPES,
  IOTICS_KEY_TYPE,
  IOTICS_METADATA_LIMITS,
  IOTICS_NAME_PATTERN,
  IOTICS_SPEC_VERSIONS,
  type IoticsDocument,
  type IoticsPublicKey,
} from './document-types';
import { ioticsDidFromPublicKey } from './identifier';
import { isIoticsPublicKey, verifyDer } from './secp256k1';

/** Bounds a reader applies before any signature work. */
export const IOTICS_MAX_KEYS = 64;
export const IOTICS_MAX_DELEGATIONS = 256;

export type IoticsDocumentCheck =
  | {
      valid: true;
      document: IoticsDocument;
      /** False when the key the DID is made from has been rotated out, so `proof` cannot be checked. */
      proofVerified: boolean;
    }
  | { valid: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function keyError(key: unknown, where: string, types: readonly string[]): string | undefined {
  if (!isObject(key)) return `${where} must be an object`;
  if (typeof key.id !== 'string' || !IOTICS_NAME_PATTERN.test(key.id)) return `${where}.id must match #[a-zA-Z-_0-9]{1,24}`;
  if (!types.includes(key.type as string)) return `${where}.type must be ${types.join(' or ')}`;
  if (typeof key.publicKeyBase58 !== 'string' || key.publicKeyBase58.length > 128) return `${where}.publicKeyBase58 must be a string`;
  let raw: Uint8Array;
  try {
    raw = base58Decode(key.publicKeyBase58);
  } catch {
    return `${where}.publicKeyBase58 is not base58`;
  }
  if (!isIoticsPublicKey(raw)) return `${where}.publicKeyBase58 is not a 65-byte uncompressed secp256k1 key`;
  if (typeof key.revoked !== 'boolean') return `${where}.revoked must be true or false`;
  return undefined;
}

function delegationError(delegation: unknown, where: string, did: string): string | undefined {
  if (!isObject(delegation)) return `${where} must be an object`;
  if (typeof delegation.id !== 'string' || !IOTICS_NAME_PATTERN.test(delegation.id))
    return `${where}.id must match #[a-zA-Z-_0-9]{1,24}`;
  if (typeof delegation.controller !== 'string') return `${where}.controller must be did#keyId`;
  try {
    const controller = parseDidUrl(delegation.controller);
    if (!IOTICS_NAME_PATTERN.test(controller.fragment)) return `${where}.controller key id is not a valid name`;
    if (controller.did === did) return `${where} delegates to the document's own DID`;
  } catch (error) {
    return `${where}.controller: ${(error as Error).message}`;
  }
  if (typeof delegation.proof !== 'string' || delegation.proof.length > 256) return `${where}.proof must be a base64 string`;
  if (delegation.proofType !== 'did' && delegation.proofType !== 'generic') return `${where}.proofType must be did or generic`;
  if (typeof delegation.revoked !== 'boolean') return `${where}.revoked must be true or false`;
  return undefined;
}

function metadataError(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return 'metadata must be an object';
  for (const [field, max] of Object.entries(IOTICS_METADATA_LIMITS)) {
    const value = metadata[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > max))
      return `metadata.${field} must be a string of at most ${max} characters`;
  }
  return undefined;
}

function shapeError(doc: Record<string, unknown>): string | undefined {
  if (doc['@context'] !== IOTICS_DID_CONTEXT) return `@context must be ${IOTICS_DID_CONTEXT}`;
  if (typeof doc.id !== 'string') return 'id must be a string';
  try {
    parseDid(doc.id);
  } catch (error) {
    return `id: ${(error as Error).message}`;
  }
  if (!IOTICS_SPEC_VERSIONS.includes(doc.ioticsSpecVersion as never))
    return `ioticsSpecVersion must be one of ${IOTICS_SPEC_VERSIONS.join(', ')}`;
  if (!IOTICS_DID_TYPES.includes(doc.ioticsDIDType as never)) return 'ioticsDIDType must be host, user, agent or twin';
  if (typeof doc.updateTime !== 'number' || !Number.isSafeInteger(doc.updateTime) || doc.updateTime < 0)
    return 'updateTime must be a non-negative integer (milliseconds)';
  if (typeof doc.proof !== 'string' || doc.proof.length > 256) return 'proof must be a base64 string';
  const lists = [
    ['publicKey', IOTICS_MAX_KEYS],
    ['authentication', IOTICS_MAX_KEYS],
    ['delegateControl', IOTICS_MAX_DELEGATIONS],
    ['delegateAuthentication', IOTICS_MAX_DELEGATIONS],
  ] as const;
  for (const [name, max] of lists) {
    const list = doc[name];
    if (!Array.isArray(list)) return `${name} must be an array`;
    if (list.length > max) return `${name} has more than ${max} entries`;
  }
  const ids = new Set<string>();
  const unique = (id: string, where: string): string | undefined => {
    if (ids.has(id)) return `${where}: id ${id} is used twice`;
    ids.add(id);
    return undefined;
  };
  for (const [i, key] of (doc.publicKey as unknown[]).entries()) {
    const error = keyError(key, `publicKey[${i}]`, [IOTICS_KEY_TYPE]) ?? unique((key as { id: string }).id, `publicKey[${i}]`);
    if (error) return error;
  }
  for (const [i, key] of (doc.authentication as unknown[]).entries()) {
    const where = `authentication[${i}]`;
    const error = keyError(key, where, [IOTICS_AUTH_KEY_TYPE, IOTICS_KEY_TYPE]) ?? unique((key as { id: string }).id, where);
    if (error) return error;
  }
  for (const list of ['delegateControl', 'delegateAuthentication'] as const) {
    for (const [i, delegation] of (doc[list] as unknown[]).entries()) {
      const where = `${list}[${i}]`;
      const error = delegationError(delegation, where, doc.id) ?? unique((delegation as { id: string }).id, where);
      if (error) return error;
    }
  }
  const metadata = metadataError(doc.metadata);
  if (metadata) return metadata;
  if (typeof doc.revoked !== 'boolean') return 'revoked must be true or false';
  if (doc.controller !== undefined) {
    if (typeof doc.controller !== 'string') return 'controller must be did#keyId';
    try {
      if (parseDidUrl(doc.controller).did === doc.id) return 'controller must not be the document itself';
    } catch (error) {
      return `controller: ${(error as Error).message}`;
    }
  }
  if (doc.creator !== undefined) {
    if (typeof doc.creator !== 'string') return 'creator must be a DID';
    try {
      parseDid(doc.creator);
    } catch (error) {
      return `creator: ${(error as Error).message}`;
    }
  }
  if ((doc.publicKey as unknown[]).length === 0 && doc.controller === undefined)
    return 'a document needs at least one publicKey or a controller';
  return undefined;
}

/** The owner key the DID is made from, if the document still lists it. */
export function didKeyOf(document: IoticsDocument): IoticsPublicKey | undefined {
  return document.publicKey.find((key) => ioticsDidFromPublicKey(base58Decode(key.publicKeyBase58)) === document.id);
}

export const ioticsProofMessage = (did: string): Uint8Array => utf8Encode(did);

function check(input: unknown): IoticsDocumentCheck {
  if (!isObject(input)) return { valid: false, reason: 'document must be a JSON object' };
  const shape = shapeError(input);
  if (shape) return { valid: false, reason: shape };
  const document = input as unknown as IoticsDocument;
  const didKey = didKeyOf(document);
  if (!didKey) return { valid: true, document, proofVerified: false };
  let proof: Uint8Array;
  try {
    proof = base64Decode(document.proof);
  } catch {
    return { valid: false, reason: 'proof must be base64' };
  }
  if (!verifyDer(proof, ioticsProofMessage(document.id), base58Decode(didKey.publicKeyBase58)))
    return { valid: false, reason: `proof does not verify with the key the DID is made from (${didKey.id})` };
  return { valid: true, document, proofVerified: true };
}

/** Never throws for bad input: an invalid document gives `{valid: false, reason}`. */
export const validateIoticsDocument = (document: unknown): IoticsDocumentCheck => check(document);

export function assertValidIoticsDocument(document: unknown): { document: IoticsDocument; proofVerified: boolean } {
  const result = check(document);
  if (!result.valid) throw new CoreError('INVALID_DOCUMENT', `invalid IOTICS document: ${result.reason}`);
  return { document: result.document, proofVerified: result.proofVerified };
}
