/**
 * IOTICS document tokens (DESIGN §2.8): JWT {iss: did#keyId, aud, doc}, signed by a non-revoked key of
 * the document's own publicKey. `aud` is the resolver URL or empty and is not checked by readers.
 */
import { base58Decode, base58Encode } from '../base58';
import { parseDidUrl } from '../did';
import { CoreError } from '../errors';
import type { IoticsDocument } from './document-types';
import { decodeIoticsJwt, signIoticsJwt, verifyIoticsJwtSignature } from './jwt';
import { ioticsPublicKey } from './secp256k1';
import { assertValidIoticsDocument } from './validate-document';

export interface VerifiedIoticsDocumentToken {
  document: IoticsDocument;
  /** `did#keyId` of the signing key. */
  issuer: string;
  audience: string;
  /** False when the DID's own key was rotated out, so the document proof could not be checked. */
  proofVerified: boolean;
}

/** Signs a valid document with one of its non-revoked owner keys (`keyId`). */
export function createIoticsDocumentToken(
  document: IoticsDocument,
  params: { keyId: string; secretKey: Uint8Array; audience?: string },
): string {
  const audience = params.audience ?? '';
  if (typeof audience !== 'string') throw new CoreError('INVALID_PARAMS', 'audience must be a string');
  assertValidIoticsDocument(document);
  const key = document.publicKey.find((k) => k.id === params.keyId);
  if (!key) throw new CoreError('KEY_NOT_FOUND', `key ${String(params.keyId)} is not an owner key of ${document.id}`);
  if (key.revoked) throw new CoreError('KEY_REVOKED', `key ${key.id} is revoked`);
  if (base58Encode(ioticsPublicKey(params.secretKey)) !== key.publicKeyBase58)
    throw new CoreError('INVALID_PARAMS', `the secret key given is not the key ${key.id} of the document`);
  return signIoticsJwt({ iss: `${document.id}${key.id}`, aud: audience, doc: document }, params.secretKey);
}

export function verifyIoticsDocumentToken(token: string, options: { did?: string } = {}): VerifiedIoticsDocumentToken {
  const jwt = decodeIoticsJwt(token);
  const { iss, aud, doc } = jwt.claims;
  if (typeof iss !== 'string') throw new CoreError('TOKEN_MALFORMED', 'document token iss must be a string');
  if (typeof aud !== 'string') throw new CoreError('TOKEN_MALFORMED', 'document token aud must be a string');
  const issuer = parseDidUrl(iss);
  const { document, proofVerified } = assertValidIoticsDocument(doc);
  if (options.did !== undefined && document.id !== options.did)
    throw new CoreError('INVALID_DOCUMENT', `expected the document of ${options.did}, got ${document.id}`);
  if (issuer.did !== document.id)
    throw new CoreError('TOKEN_SIGNATURE', `document token issuer ${issuer.did} is not the document's DID`);
  const key = document.publicKey.find((k) => k.id === issuer.fragment);
  if (!key) throw new CoreError('KEY_NOT_FOUND', `document token key ${issuer.fragment} is not an owner key of the document`);
  if (key.revoked) throw new CoreError('KEY_REVOKED', `document token key ${issuer.fragment} is revoked`);
  if (!verifyIoticsJwtSignature(jwt, base58Decode(key.publicKeyBase58)))
    throw new CoreError('TOKEN_SIGNATURE', `document token signature does not verify with ${issuer.fragment}`);
  return { document, issuer: iss, audience: aud, proofVerified };
}
