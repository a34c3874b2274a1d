/**
 * Building and updating IOTICS documents (DESIGN §2.8). Every document leaves here in the IOTICS
 * Python library's field order and is validated, so what Sigil registers reads exactly like the library's.
 */
import { base64Encode } from '../base64';
import { CoreError } from '../errors';
import type { EntityKind } from '../types';
import {
  IOTICS_DID_CONTEXT,
  IOTICS_DOCUMENT_SPEC_VERSION,
  IOTICS_KEY_TYPE,
  IOTICS_NAME_PATTERN,
  type IoticsAuthenticationKey,
  type IoticsDelegation,
  type IoticsDocument,
  type IoticsMetadata,
  type IoticsPublicKey,
} from './document-types';
import { ioticsKeyPairFromSecret } from './derive';
import { signDer } from './secp256k1';
import { assertValidIoticsDocument, ioticsProofMessage } from './validate-document';

const orderKey = <T extends IoticsPublicKey | IoticsAuthenticationKey>(key: T): T =>
  ({ id: key.id, type: key.type, publicKeyBase58: key.publicKeyBase58, revoked: key.revoked }) as T;

const orderDelegation = (d: IoticsDelegation): IoticsDelegation => ({
  id: d.id,
  controller: d.controller,
  proof: d.proof,
  proofType: d.proofType,
  revoked: d.revoked,
});

function orderMetadata(metadata: IoticsMetadata): IoticsMetadata {
  const out: IoticsMetadata = {};
  if (metadata.label !== undefined) out.label = metadata.label;
  if (metadata.comment !== undefined) out.comment = metadata.comment;
  if (metadata.url !== undefined) out.url = metadata.url;
  return out;
}

/** The same document with its fields in the library's order (what JSON.stringify then writes). */
export function orderIoticsDocument(doc: IoticsDocument): IoticsDocument {
  const out: IoticsDocument = {
    '@context': doc['@context'],
    id: doc.id,
    ioticsSpecVersion: doc.ioticsSpecVersion,
    ioticsDIDType: doc.ioticsDIDType,
    updateTime: doc.updateTime,
    proof: doc.proof,
    publicKey: doc.publicKey.map(orderKey),
    authentication: doc.authentication.map(orderKey),
    delegateControl: doc.delegateControl.map(orderDelegation),
    delegateAuthentication: doc.delegateAuthentication.map(orderDelegation),
    metadata: orderMetadata(doc.metadata),
    revoked: doc.revoked,
  };
  if (doc.controller !== undefined) out.controller = doc.controller;
  if (doc.creator !== undefined) out.creator = doc.creator;
  return out;
}

/** base64 DER ECDSA-SHA256 of ASCII(did) by the key the DID is made from. */
export const createIoticsDocumentProof = (did: string, secretKey: Uint8Array): string =>
  base64Encode(signDer(ioticsProofMessage(did), secretKey));

export function assertIoticsName(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || !IOTICS_NAME_PATTERN.test(id))
    throw new CoreError('INVALID_PARAMS', `${what} must be # followed by 1 to 24 of a-z A-Z 0-9 - _`);
}

function readUpdateTime(updateTime: number | undefined, after: number): number {
  const time = updateTime ?? Math.max(Date.now(), after + 1);
  if (!Number.isSafeInteger(time) || time < 0) throw new CoreError('INVALID_PARAMS', 'updateTime must be milliseconds');
  if (time <= after) throw new CoreError('UPDATE_TIME', `updateTime must be greater than ${after}`);
  return time;
}

/** A new document whose single owner key (`#{kind}-0` by default) is the key the DID is made from. */
export function createIoticsDocument(params: {
  kind: EntityKind;
  secretKey: Uint8Array;
  keyId?: string;
  updateTime?: number;
  metadata?: IoticsMetadata;
}): IoticsDocument {
  const keyId = params.keyId ?? `#${params.kind}-0`;
  assertIoticsName(keyId, 'key id');
  const key = ioticsKeyPairFromSecret(params.secretKey);
  const document = orderIoticsDocument({
    '@context': IOTICS_DID_CONTEXT,
    id: key.did,
    ioticsSpecVersion: IOTICS_DOCUMENT_SPEC_VERSION,
    ioticsDIDType: params.kind,
    updateTime: readUpdateTime(params.updateTime, -1),
    proof: createIoticsDocumentProof(key.did, params.secretKey),
    publicKey: [{ id: keyId, type: IOTICS_KEY_TYPE, publicKeyBase58: key.publicKeyBase58, revoked: false }],
    authentication: [],
    delegateControl: [],
    delegateAuthentication: [],
    metadata: params.metadata ?? {},
    revoked: false,
  });
  return assertValidIoticsDocument(document).document;
}

export type IoticsDocumentChanges = Partial<
  Pick<
    IoticsDocument,
    'publicKey' | 'authentication' | 'delegateControl' | 'delegateAuthentication' | 'metadata' | 'revoked' | 'controller' | 'creator'
  >
> & { updateTime?: number };

/** A new version of `doc`: the changes applied, `updateTime` strictly newer (now by default), validated. */
export function updateIoticsDocument(doc: IoticsDocument, changes: IoticsDocumentChanges): IoticsDocument {
  const { document: current } = assertValidIoticsDocument(doc);
  const { updateTime, ...rest } = changes;
  const next = orderIoticsDocument({ ...current, ...rest, updateTime: readUpdateTime(updateTime, current.updateTime) });
  return assertValidIoticsDocument(next).document;
}

/** The next free `#{kind}-{n}` id of a document. */
export function nextIoticsKeyId(doc: IoticsDocument, kind: string = doc.ioticsDIDType): string {
  const used = new Set([...doc.publicKey, ...doc.authentication, ...doc.delegateControl, ...doc.delegateAuthentication].map((x) => x.id));
  for (let n = 0; ; n++) if (!used.has(`#${kind}-${n}`)) return `#${kind}-${n}`;
}

/** Adds an owner key; the library puts the newest key first. */
export function addIoticsOwnerKey(
  doc: IoticsDocument,
  key: { id?: string; publicKeyBase58: string },
  updateTime?: number,
): IoticsDocument {
  const id = key.id ?? nextIoticsKeyId(doc);
  assertIoticsName(id, 'key id');
  if (doc.publicKey.some((k) => k.publicKeyBase58 === key.publicKeyBase58))
    throw new CoreError('INVALID_PARAMS', 'this key is already an owner key of the document');
  const publicKey = [{ id, type: IOTICS_KEY_TYPE, publicKeyBase58: key.publicKeyBase58, revoked: false } as const, ...doc.publicKey];
  return updateIoticsDocument(doc, { publicKey, ...(updateTime === undefined ? {} : { updateTime }) });
}

/** Removes an owner key (how IOTICS cuts a key off: its verifiers ignore the revoked flag). */
export function removeIoticsOwnerKey(doc: IoticsDocument, keyId: string, updateTime?: number): IoticsDocument {
  if (!doc.publicKey.some((k) => k.id === keyId)) throw new CoreError('KEY_NOT_FOUND', `${String(keyId)} is not an owner key of the document`);
  const publicKey = doc.publicKey.filter((k) => k.id !== keyId);
  if (publicKey.length === 0 && doc.controller === undefined)
    throw new CoreError('INVALID_PARAMS', 'the last owner key cannot be removed');
  return updateIoticsDocument(doc, { publicKey, ...(updateTime === undefined ? {} : { updateTime }) });
}
