/**
 * Document resolvers for verifiers: a function from DID to document (or null when unknown). The
 * verifier validates whatever a resolver returns, so a resolver need not be trusted.
 */
import type { DidDocument } from './document-types';
import { verifyDocumentToken } from './document-token';
import { CoreError } from './errors';
import { parseDid } from './did';

export type DocumentResolver = (did: string) => Promise<DidDocument | null>;

/** Resolves from documents in memory: a map DID → document, or a list of documents. */
export function staticResolver(documents: Record<string, DidDocument> | readonly DidDocument[]): DocumentResolver {
  const byDid = new Map<string, DidDocument>();
  if (Array.isArray(documents)) {
    for (const doc of documents as readonly DidDocument[]) {
      if (typeof doc?.id !== 'string') throw new CoreError('INVALID_PARAMS', 'every document must have an id');
      byDid.set(doc.id, doc);
    }
  } else if (typeof documents === 'object' && documents !== null) {
    for (const [did, doc] of Object.entries(documents)) byDid.set(did, doc as DidDocument);
  } else throw new CoreError('INVALID_PARAMS', 'documents must be an object or an array');
  return async (did) => byDid.get(did) ?? null;
}

export interface HttpResolverOptions {
  fetch?: typeof globalThis.fetch;
  /** Checked against each document token's `aud` when given. */
  audience?: string;
  timeoutMs?: number;
}

/**
 * The IOTICS resolver API (DESIGN §5): GET {url}/1.0/discover/{did} → {"token"}; 404 → null. The
 * document token is verified before the document is returned.
 */
export function httpResolver(baseUrl: string, options: HttpResolverOptions = {}): DocumentResolver {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new CoreError('INVALID_PARAMS', 'resolver URL is not a valid URL');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new CoreError('INVALID_PARAMS', 'resolver URL must be http or https');
  const root = base.href.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  return async (did) => {
    parseDid(did);
    const url = `${root}/1.0/discover/${encodeURIComponent(did)}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new CoreError('RESOLVER_ERROR', `resolver at ${root} is not reachable`);
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new CoreError('RESOLVER_ERROR', `resolver answered ${response.status} for ${did}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new CoreError('RESOLVER_ERROR', `resolver answer for ${did} is not JSON`);
    }
    const token = (body as { token?: unknown } | null)?.token;
    if (typeof token !== 'string') throw new CoreError('RESOLVER_ERROR', `resolver answer for ${did} has no token`);
    const verified = await verifyDocumentToken(token, {
      did,
      ...(options.audience === undefined ? {} : { audience: options.audience }),
    });
    return verified.document;
  };
}
