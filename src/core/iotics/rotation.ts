/**
 * IOTICS key rotation (DESIGN §2.8): the new key is added to `publicKey` and the old one removed, signed
 * by an owner key that stays, with `updateTime` strictly increasing. IOTICS verifiers ignore a key's
 * `revoked` flag, so only removal cuts a leaked key off. When the old key is the only owner key, no
 * key stays to sign one update, so it takes two: add (signed by the old key), then remove (signed by
 * the new one); each is a valid successor of the one before.
 */
import { base58Encode } from '../base58';
import { CoreError } from '../errors';
import { addIoticsOwnerKey, nextIoticsKeyId, removeIoticsOwnerKey, updateIoticsDocument } from './document';
import { createIoticsDocumentToken } from './document-token';
import { IOTICS_KEY_TYPE, type IoticsDocument } from './document-types';
import { ioticsPublicKey } from './secp256k1';
import { assertValidIoticsDocument } from './validate-document';

export interface IoticsDocumentUpdate {
  document: IoticsDocument;
  /** The document token to register, in order. */
  token: string;
}

export interface IoticsKeyRotation {
  /** One update, or two when the rotated key was the only owner key. */
  updates: IoticsDocumentUpdate[];
  /** The new key's id, e.g. `#agent-1`. */
  newKeyId: string;
  /** `did#oldKeyId` → `did#newKeyId`: what delegations naming the old key must be renewed to. */
  oldController: string;
  newController: string;
}

export function rotateIoticsKey(
  doc: IoticsDocument,
  params: {
    oldKeyId: string;
    newSecretKey: Uint8Array;
    /** A non-revoked owner key that stays; when omitted, the old key signs (the two-step rotation). */
    signer?: { keyId: string; secretKey: Uint8Array };
    oldSecretKey?: Uint8Array;
    newKeyId?: string;
    /** Milliseconds of the (first) update; the clock by default. */
    updateTime?: number;
    audience?: string;
  },
): IoticsKeyRotation {
  const { document } = assertValidIoticsDocument(doc);
  const old = document.publicKey.find((k) => k.id === params.oldKeyId);
  if (!old) throw new CoreError('KEY_NOT_FOUND', `${String(params.oldKeyId)} is not an owner key of ${document.id}`);
  const newPublicKeyBase58 = base58Encode(ioticsPublicKey(params.newSecretKey));
  const newKeyId = params.newKeyId ?? nextIoticsKeyId(document);
  const audience = params.audience ?? '';
  const controllers = { oldController: `${document.id}${old.id}`, newController: `${document.id}${newKeyId}` };
  const sign = (d: IoticsDocument, keyId: string, secretKey: Uint8Array) => createIoticsDocumentToken(d, { keyId, secretKey, audience });
  const time = params.updateTime === undefined ? {} : { updateTime: params.updateTime };
  if (document.publicKey.some((k) => k.publicKeyBase58 === newPublicKeyBase58))
    throw new CoreError('INVALID_PARAMS', 'the new key is already an owner key of the document');

  if (params.signer) {
    if (params.signer.keyId === old.id) throw new CoreError('INVALID_PARAMS', 'the signer must be an owner key that stays, not the rotated one');
    const signer = document.publicKey.find((k) => k.id === params.signer!.keyId);
    if (!signer || signer.revoked)
      throw new CoreError('KEY_NOT_FOUND', `signer ${String(params.signer.keyId)} is not a non-revoked owner key of ${document.id}`);
    const newKey = { id: newKeyId, type: IOTICS_KEY_TYPE, publicKeyBase58: newPublicKeyBase58, revoked: false } as const;
    const publicKey = [newKey, ...document.publicKey.filter((k) => k.id !== old.id)];
    const next = updateIoticsDocument(document, { publicKey, ...time });
    return { updates: [{ document: next, token: sign(next, signer.id, params.signer.secretKey) }], newKeyId, ...controllers };
  }
  if (!params.oldSecretKey) throw new CoreError('INVALID_PARAMS', 'give a signer that stays, or the old key to rotate in two steps');
  const added = addIoticsOwnerKey(document, { id: newKeyId, publicKeyBase58: newPublicKeyBase58 }, params.updateTime);
  const first = { document: added, token: sign(added, old.id, params.oldSecretKey) };
  const removed = removeIoticsOwnerKey(added, old.id);
  return { updates: [first, { document: removed, token: sign(removed, newKeyId, params.newSecretKey) }], newKeyId, ...controllers };
}
