/**
 * Document tokens (DESIGN §2.5): what a resolver stores. JWT claims {iss: did#<active master key id>, aud, doc}.
 */
import { parseDidUrl } from './did';
import type { DidDocument } from './document-types';
import { getPublicKey } from './ed25519';
import { CoreError } from './errors';
import { encodeIdpub } from './factom-keys';
import { decodeJwt, signJwt, verifyJwtSignature } from './jwt';
import { base58Decode } from './base58';
import type { IdentityState } from './replay';
import { assertValidDocument, validateDocument } from './validate-document';

/** Signs a (valid) document with its active priority-0 key. */
export async function createDocumentToken(
  document: DidDocument,
  params: { secretKey: Uint8Array; audience: string },
): Promise<string> {
  if (typeof params?.audience !== 'string' || params.audience.length === 0)
    throw new CoreError('INVALID_PARAMS', 'audience must be a non-empty string');
  const { state } = await assertValidDocument(document);
  const master = state.activeKeys[0]!;
  if (encodeIdpub(await getPublicKey(params.secretKey)) !== master.idpub)
    throw new CoreError('INVALID_PARAMS', 'a document token must be signed by the active master (priority 0) key');
  const masterId = document.publicKey.find((k) => k.idpub === master.idpub)!.id;
  return signJwt({ iss: `${document.id}${masterId}`, aud: params.audience, doc: document }, params.secretKey);
}

export interface VerifiedDocumentToken {
  document: DidDocument;
  state: IdentityState;
  /** `did#key-id` of the signing key. */
  issuer: string;
  audience: string;
}

/**
 * Verifies a document token: the document is valid, `iss` names its active priority-0 key, the
 * signature verifies; optionally the audience and the expected DID match.
 */
export async function verifyDocumentToken(
  token: string,
  options: { audience?: string; did?: string } = {},
): Promise<VerifiedDocumentToken> {
  const jwt = decodeJwt(token);
  const { iss, aud, doc } = jwt.claims;
  if (typeof iss !== 'string') throw new CoreError('TOKEN_MALFORMED', 'document token iss must be a string');
  if (typeof aud !== 'string') throw new CoreError('TOKEN_MALFORMED', 'document token aud must be a string');
  const issuer = parseDidUrl(iss);
  const check = await validateDocument(doc);
  if (!check.valid) throw new CoreError('INVALID_DOCUMENT', `invalid DID document: ${check.reason}`);
  const { document, state } = check;
  if (issuer.did !== document.id)
    throw new CoreError('TOKEN_SIGNATURE', `document token issuer ${issuer.did} is not the document's DID`);
  if (options.did !== undefined && document.id !== options.did)
    throw new CoreError('INVALID_DOCUMENT', `expected the document of ${options.did}, got ${document.id}`);
  const key = document.publicKey.find((k) => k.id === issuer.fragment);
  if (!key) throw new CoreError('KEY_NOT_FOUND', `document token key ${issuer.fragment} is not in the document`);
  if (key.revoked) throw new CoreError('KEY_REVOKED', `document token key ${issuer.fragment} is revoked`);
  if (key.priority !== 0)
    throw new CoreError('TOKEN_SIGNATURE', 'a document token must be signed by the active master (priority 0) key');
  if (!(await verifyJwtSignature(jwt, base58Decode(key.publicKeyBase58))))
    throw new CoreError('TOKEN_SIGNATURE', 'document token signature does not verify');
  if (options.audience !== undefined && aud !== options.audience)
    throw new CoreError('TOKEN_AUDIENCE', `document token audience is ${aud}, expected ${options.audience}`);
  return { document, state, issuer: iss, audience: aud };
}
