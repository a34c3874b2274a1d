/** The IOTICS resolver API as a client (DESIGN §5): discover a DID's document token, register a new one. */
import { CoreError, verifyAnyDocumentToken, type VerifiedAnyDocument } from '../core/index';

const TIMEOUT_MS = 30_000;

export function resolverRoot(url: string): string {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CoreError('INVALID_PARAMS', '--resolver is not a valid URL');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new CoreError('INVALID_PARAMS', '--resolver must be http or https');
  return base.href.replace(/\/+$/, '');
}

async function call(url: string, init: RequestInit, root: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new CoreError('RESOLVER_ERROR', `resolver at ${root} is not reachable`);
  }
}

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error.slice(0, 300);
  } catch {
    // no JSON error
  }
  return `status ${response.status}`;
}

/** The verified registered document of `did`, or null when the resolver does not know it (404). */
export async function discover(root: string, did: string): Promise<VerifiedAnyDocument | null> {
  const response = await call(`${root}/1.0/discover/${encodeURIComponent(did)}`, { headers: { accept: 'application/json' } }, root);
  if (response.status === 404) return null;
  if (!response.ok) throw new CoreError('RESOLVER_ERROR', `resolver refused to discover ${did}: ${await errorOf(response)}`);
  const token = ((await response.json().catch(() => null)) as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') throw new CoreError('RESOLVER_ERROR', `resolver answer for ${did} has no token`);
  return verifyAnyDocumentToken(token, { did });
}

export async function register(root: string, token: string): Promise<void> {
  const response = await call(`${root}/1.0/register`, { method: 'POST', body: token, headers: { 'content-type': 'text/plain' } }, root);
  if (!response.ok) throw new CoreError('RESOLVER_ERROR', `resolver refused the document: ${await errorOf(response)}`);
}
