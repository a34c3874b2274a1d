/**
 * What the resolver accepts (DESIGN §5), from the identity core: a document token of either format,
 * fully verified, that may follow the version registered before it.
 */
import { checkDocumentSuccession, verifyAnyDocumentToken, type VerifiedAnyDocument } from '../core/registration';
import { isCoreError } from '../core/errors';
import { HttpError } from './http-error';

export type AcceptedDocument = VerifiedAnyDocument;

/**
 * Recently accepted documents by token, so an update does not verify its predecessor again. Bounded by
 * the total length of the tokens (a token may be up to 1 MiB); the oldest are forgotten first.
 */
const HEAD_CACHE_CHARS = 32 * 1024 * 1024;
const heads = new Map<string, AcceptedDocument>();
let cachedChars = 0;

function remember(document: AcceptedDocument): void {
  if (heads.delete(document.token)) cachedChars -= document.token.length;
  heads.set(document.token, document);
  cachedChars += document.token.length;
  while (cachedChars > HEAD_CACHE_CHARS) {
    const oldest = heads.keys().next().value!;
    heads.delete(oldest);
    cachedChars -= oldest.length;
  }
}

const oneLine = (message: string): string => message.replace(/\s+/g, ' ').trim();

/** Verifies a submitted token; a token that is not a valid document token is a 400. */
export async function verifySubmitted(token: string): Promise<AcceptedDocument> {
  try {
    return await verifyAnyDocumentToken(token);
  } catch (error) {
    if (isCoreError(error)) throw new HttpError(400, oneLine(error.message));
    throw error;
  }
}

/** A stored token, verified again (it was valid when stored) unless it is a recently seen head. */
export async function storedDocument(token: string, did: string): Promise<AcceptedDocument> {
  const known = heads.get(token);
  if (known) return known;
  const verified = await verifyAnyDocumentToken(token, { did });
  remember(verified);
  return verified;
}

/** Refuses (409) a document that may not replace the registered one (`previous`, null when none). */
export function checkSuccession(previous: AcceptedDocument | null, next: AcceptedDocument): void {
  try {
    checkDocumentSuccession(previous, next);
  } catch (error) {
    if (isCoreError(error)) throw new HttpError(previous === null ? 400 : 409, oneLine(error.message));
    throw error;
  }
  remember(next);
}
