/**
 * Request validation: every input is bounded before any work. Bodies over MAX_BODY_BYTES are refused
 * from Content-Length before reading, and while streaming for bodies without one.
 */
import type { IncomingMessage } from 'node:http';
import { checkDid } from '../core/did';
import { HttpError } from './http-error';

export const MAX_BODY_BYTES = 1024 * 1024;
/** A DID is 47 characters; percent-encoding its two colons makes 51. Anything longer is not a DID. */
const MAX_DID_PARAM_LENGTH = 64;

const tooLarge = () => new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes (1 MiB)`, { connection: 'close' });

export async function readBody(req: IncomingMessage): Promise<string> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The document token from a body that is the raw token or `{"token": "…"}` (IOTICS clients send either). */
export function tokenFromBody(body: string): string {
  const text = body.trim();
  if (text.length === 0) throw new HttpError(400, 'the body is empty: send a document token or {"token": "…"}');
  let token: unknown = text;
  if (text.startsWith('{') || text.startsWith('"')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'the body is not valid JSON: send a document token or {"token": "…"}');
    }
    token = typeof parsed === 'string' ? parsed : (parsed as { token?: unknown } | null)?.token;
    if (typeof token !== 'string') throw new HttpError(400, 'the JSON body must be {"token": "<document token>"}');
  }
  if (!TOKEN_SHAPE.test(token as string)) throw new HttpError(400, 'the document token must be a JWT (three base64url parts)');
  return token as string;
}

/** The DID from a path segment (raw, or percent-encoded as Go's client sends it). */
export function didFromPath(segment: string): string {
  if (segment.length > MAX_DID_PARAM_LENGTH) throw new HttpError(400, 'not a valid did:iotics DID');
  let did: string;
  try {
    did = decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'not a valid did:iotics DID');
  }
  const check = checkDid(did);
  if (!check.valid) throw new HttpError(400, `not a valid did:iotics DID: ${check.reason}`);
  return did;
}

export const MAX_HISTORY_PAGE = 100;

/** `?after=<version>&limit=<n>` of a history request: whole numbers, limit 1…MAX_HISTORY_PAGE. */
export function historyPage(query: URLSearchParams): { after: number; limit: number } {
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max)
      throw new HttpError(400, `${name} must be a whole number from ${min} to ${max}`);
    return Number(raw);
  };
  return { after: number('after', 0, 0, 999_999_999), limit: number('limit', MAX_HISTORY_PAGE, 1, MAX_HISTORY_PAGE) };
}
