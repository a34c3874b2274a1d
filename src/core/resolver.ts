/**
 * Document resolvers for verifiers: a function from DID to a verified document (or null when unknown).
 * Documents travel only as document tokens (either format) and are verified before they are returned,
 * so a document nobody signed never reaches a verifier. A custom resolver must do the same (for
 * instance with verifyAnyDocumentToken).
 */
import type { DidDocument } from './document-types';
import { CoreError } from './errors';
import { parseDid } from './did';
import type { IoticsDocument } from './iotics/document-types';
import { decodeJwtWith } from './jwt';
import { checkDocumentSuccession, verifyAnyDocumentToken, type VerifiedAnyDocument } from './registration';

export type ResolvedDocument = DidDocument | IoticsDocument;
export type DocumentResolver = (did: string) => Promise<ResolvedDocument | null>;

const MAX_STATIC_TOKENS = 10_000;

function claimedDid(token: unknown): string {
  if (typeof token !== 'string') throw new CoreError('INVALID_PARAMS', 'every document must be given as a document token (a string)');
  const doc = (decodeJwtWith(token, ['EdDSA', 'ES256']).claims as { doc?: { id?: unknown } }).doc;
  if (typeof doc?.id !== 'string') throw new CoreError('INVALID_PARAMS', 'a document token carries no document id');
  return doc.id;
}

/** The newest of a DID's versions, each verified and each allowed to replace the one before. */
async function latestOf(did: string, tokens: readonly string[]): Promise<VerifiedAnyDocument> {
  const versions: VerifiedAnyDocument[] = [];
  for (const token of new Set(tokens)) versions.push(await verifyAnyDocumentToken(token, { did }));
  versions.sort((a, b) => a.updateTime - b.updateTime);
  let previous: VerifiedAnyDocument | null = null;
  for (const version of versions) {
    checkDocumentSuccession(previous, version);
    previous = version;
  }
  return previous!;
}

/**
 * Resolves from document tokens in memory: a list of tokens, or a map DID → token (or list of
 * tokens). Several tokens of one DID are its history: each must verify and replace the one before
 * (an IOTICS document whose DID key was rotated out needs its earlier versions). Tokens are verified
 * when their DID is first resolved; a bad token makes that resolution fail with the reason.
 */
export function staticResolver(tokens: Record<string, string | readonly string[]> | readonly string[]): DocumentResolver {
  const byDid = new Map<string, string[]>();
  const add = (did: string, token: unknown) => {
    if (claimedDid(token) !== did) throw new CoreError('INVALID_PARAMS', `a token listed under ${did} is for another DID`);
    byDid.set(did, [...(byDid.get(did) ?? []), token as string]);
  };
  if (Array.isArray(tokens)) {
    if (tokens.length > MAX_STATIC_TOKENS) throw new CoreError('INVALID_PARAMS', `at most ${MAX_STATIC_TOKENS} document tokens`);
    for (const token of tokens as readonly unknown[]) add(claimedDid(token), token);
  } else if (typeof tokens === 'object' && tokens !== null) {
    const entries = Object.entries(tokens);
    if (entries.length > MAX_STATIC_TOKENS) throw new CoreError('INVALID_PARAMS', `at most ${MAX_STATIC_TOKENS} document tokens`);
    for (const [did, value] of entries) for (const token of Array.isArray(value) ? value : [value]) add(did, token);
  } else throw new CoreError('INVALID_PARAMS', 'documents must be document tokens: an array, or an object DID → token(s)');
  const cache = new Map<string, Promise<VerifiedAnyDocument>>();
  return async (did) => {
    const list = byDid.get(did);
    if (!list) return null;
    let latest = cache.get(did);
    if (!latest) cache.set(did, (latest = latestOf(did, list)));
    return (await latest).document;
  };
}

export interface HttpResolverOptions {
  fetch?: typeof globalThis.fetch;
  /** Checked against each document token's `aud` when given. */
  audience?: string;
  timeoutMs?: number;
}

/**
 * The IOTICS resolver API (DESIGN §5): GET {url}/1.0/discover/{did} → {"token"}; 404 → null. The
 * document token (either format) is verified before the document is returned.
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
    const verified = await verifyAnyDocumentToken(token, { did });
    if (options.audience !== undefined) {
      const aud = decodeJwtWith(token, ['EdDSA', 'ES256']).claims.aud;
      if (aud !== options.audience)
        throw new CoreError('TOKEN_AUDIENCE', `document token audience is ${String(aud)}, expected ${options.audience}`);
    }
    return verified.document;
  };
}
