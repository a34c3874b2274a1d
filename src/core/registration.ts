/**
 * What a resolver accepts (DESIGN §5): a document token of either format, fully verified, and whether
 * it may replace the version registered before it.
 */
import type { DidDocument } from './document-types';
import { verifyDocumentToken } from './document-token';
import { CoreError } from './errors';
import type { IoticsDocument } from './iotics/document-types';
import { verifyIoticsDocumentToken } from './iotics/document-token';
import { decodeJwtWith } from './jwt';
import type { IdentityFormat } from './types';

interface VerifiedDocumentBase {
  did: string;
  /** Milliseconds, from the document. */
  updateTime: number;
  /** `did#keyId` of the key that signed the token. */
  issuer: string;
  token: string;
}

export type VerifiedAnyDocument =
  | (VerifiedDocumentBase & { format: 'sigil'; document: DidDocument })
  | (VerifiedDocumentBase & {
      format: 'iotics';
      document: IoticsDocument;
      /** False when the key the DID is made from was rotated out, so the document proof could not be checked. */
      proofVerified: boolean;
    });

/** The format a token is in, from its header alone (EdDSA → `sigil`, ES256 → `iotics`). */
export function documentTokenFormat(token: string): IdentityFormat {
  return decodeJwtWith(token, ['EdDSA', 'ES256']).header.alg === 'EdDSA' ? 'sigil' : 'iotics';
}

/** The format of a document object: Sigil documents carry their identity chain, IOTICS ones do not. */
export const documentFormat = (document: object): IdentityFormat => ('identityChain' in document ? 'sigil' : 'iotics');

/**
 * Verifies a document token of either format by that format's rules (signature, document, proof) and
 * optionally that it is the document of `did`. Throws a CoreError saying what is wrong.
 */
export async function verifyAnyDocumentToken(token: string, options: { did?: string } = {}): Promise<VerifiedAnyDocument> {
  const did = options.did === undefined ? {} : { did: options.did };
  if (documentTokenFormat(token) === 'sigil') {
    const verified = await verifyDocumentToken(token, did);
    const { document } = verified;
    return { format: 'sigil', did: document.id, updateTime: document.updateTime, issuer: verified.issuer, document, token };
  }
  const verified = verifyIoticsDocumentToken(token, did);
  const { document } = verified;
  return {
    format: 'iotics',
    did: document.id,
    updateTime: document.updateTime,
    issuer: verified.issuer,
    document,
    token,
    proofVerified: verified.proofVerified,
  };
}

const sameEntries = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Throws a CoreError when `next` may not replace `previous` (null: nothing registered yet). Both must be
 * results of verifyAnyDocumentToken.
 * - any format: same DID, same format, `updateTime` strictly newer;
 * - `sigil`: the identity chain is extended, never rewritten;
 * - `iotics`: a first version must carry the key its DID is made from (so its proof was checked); an
 *   update must be signed by a key that was a non-revoked owner key of the previous version (a key the
 *   update itself adds cannot authorise it).
 */
export function checkDocumentSuccession(previous: VerifiedAnyDocument | null, next: VerifiedAnyDocument): void {
  if (previous === null) {
    if (next.format === 'iotics' && !next.proofVerified)
      throw new CoreError(
        'INVALID_DOCUMENT',
        `a first IOTICS document must list the key ${next.did} is made from, so its proof can be checked`,
      );
    return;
  }
  if (next.did !== previous.did)
    throw new CoreError('INVALID_DOCUMENT', `the document is for ${next.did}, not ${previous.did}`);
  if (next.format !== previous.format)
    throw new CoreError('INVALID_DOCUMENT', `${next.did} is registered in the ${previous.format} format, not ${next.format}`);
  if (next.updateTime <= previous.updateTime)
    throw new CoreError(
      'UPDATE_TIME',
      `updateTime ${next.updateTime} must be greater than the registered document's (${previous.updateTime})`,
    );
  if (next.format === 'sigil' && previous.format === 'sigil') {
    const before = previous.document.identityChain;
    const after = next.document.identityChain;
    if (after.chainId !== before.chainId || after.entries.length < before.entries.length ||
        !before.entries.every((entry, i) => sameEntries(entry, after.entries[i])))
      throw new CoreError('INVALID_CHAIN', "the document's identity chain does not extend the registered one");
    return;
  }
  if (next.format === 'iotics' && previous.format === 'iotics') {
    const fragment = next.issuer.slice(next.issuer.indexOf('#'));
    const signer = previous.document.publicKey.find((key) => key.id === fragment);
    const signerNow = next.document.publicKey.find((key) => key.id === fragment);
    if (!signer || signer.revoked || signer.publicKeyBase58 !== signerNow?.publicKeyBase58)
      throw new CoreError(
        'KEY_NOT_FOUND',
        `the update is signed by ${fragment}, which is not a non-revoked owner key of the registered document`,
      );
  }
}
