/**
 * The wallet's HTTP client for the IOTICS resolver API (DESIGN §5). It runs in the background with
 * the extension's host access to the resolver's origin, so it does not depend on the resolver's
 * CORS headers. Every answer is bounded before it is read; documents are verified before use.
 */
import { verifyAnyDocumentToken, type VerifiedAnyDocument } from '../../core';
import type { Fetch } from '../platform';

const REQUEST_TIMEOUT_MS = 5000;
/** An error answer is one line of JSON; anything longer is cut before parsing. */
const ERROR_BODY_MAX_CHARS = 4096;
const ERROR_MESSAGE_MAX_CHARS = 200;
/** A discover answer carries one document token; the resolver refuses bodies over 1 MiB. */
const DISCOVER_BODY_MAX_CHARS = 1024 * 1024 + 64;

/** What a POST /1.0/register came to. */
export type RegisterOutcome =
  | { kind: 'accepted' }
  /** Not reached, 5xx or 429: try again later. */
  | { kind: 'unavailable'; reason: string }
  /** A 4xx other than 429: the resolver says the document is wrong; retrying the same one will not help. */
  | { kind: 'refused'; status: number; message: string };

export function resolverEndpoint(resolverUrl: string, path: string): URL {
  return new URL(path, resolverUrl.endsWith('/') ? resolverUrl : `${resolverUrl}/`);
}

export async function postDocumentToken(fetch: Fetch, resolverUrl: string, token: string): Promise<RegisterOutcome> {
  let response: Response;
  try {
    response = await fetch(resolverEndpoint(resolverUrl, '1.0/register'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: token,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      credentials: 'omit',
    });
  } catch {
    return { kind: 'unavailable', reason: 'The resolver could not be reached.' };
  }
  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'accepted' };
  }
  const message = await errorMessageOf(response);
  if (response.status === 429) return { kind: 'unavailable', reason: 'The resolver asked Sigil to slow down (429).' };
  if (response.status >= 500) return { kind: 'unavailable', reason: `The resolver had a problem (${response.status}${message ? `: ${message}` : ''}).` };
  return { kind: 'refused', status: response.status, message: message || `The resolver refused the document (${response.status}).` };
}

/**
 * The resolver's current document for `did`, verified (signature and document rules): null when it
 * has none or answers anything that does not verify as a document of that DID.
 */
export async function discoverDocument(fetch: Fetch, resolverUrl: string, did: string): Promise<VerifiedAnyDocument | null> {
  try {
    const response = await fetch(resolverEndpoint(resolverUrl, `1.0/discover/${encodeURIComponent(did)}`), {
      method: 'GET',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      credentials: 'omit',
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    const text = await boundedText(response, DISCOVER_BODY_MAX_CHARS);
    if (text === null) return null;
    const body = JSON.parse(text) as unknown;
    const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    if (typeof token !== 'string') return null;
    return await verifyAnyDocumentToken(token, { did });
  } catch {
    return null;
  }
}

/** The `error` of a `{"error":"…"}` answer, on one line and bounded; '' when there is none. */
async function errorMessageOf(response: Response): Promise<string> {
  try {
    const text = await boundedText(response, ERROR_BODY_MAX_CHARS);
    if (text === null) return '';
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    if (typeof error !== 'string') return '';
    // eslint-disable-next-line no-control-regex
    const line = error.replace(/[\u0000-\u001f\u007f]+/gu, ' ').trim();
    return line.length > ERROR_MESSAGE_MAX_CHARS ? `${line.slice(0, ERROR_MESSAGE_MAX_CHARS - 1)}…` : line;
  } catch {
    return '';
  }
}

/** The body as text, or null when it is longer than `maxChars` (reading stops there). */
export async function boundedText(response: Response, maxChars: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
    if (text.length > maxChars) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
  }
}
