/**
 * Sigil's resolver (DESIGN §5): the IOTICS resolver HTTP API over a DocumentStore.
 *   POST /1.0/register          body: a document token, raw or {"token": "…"}
 *   GET  /1.0/discover/{did}    → {"token"}; 404 when the DID is unknown
 *   GET  /1.0/history/{did}     → {"did", "versions": [{version, updateTime, registeredAt, token}], "next"?}, oldest
 *                               first, pages of ?limit (≤ 100) versions after ?after=<version>
 *   GET  /health                → {"status": "ok", "store"}
 * Every error is a one-line `{"error"}` with a 4xx (or 500/503) status.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { checkSuccession, storedDocument, verifySubmitted } from './documents';
import { HttpError } from './http-error';
import type { RequestLogger } from './log';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { didFromPath, historyPage, readBody, tokenFromBody } from './request';
import { openStore, type DocumentStore } from './store';

export interface ResolverOptions {
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** SQLite in `<dataDir>/resolver.sqlite`; without it and without `databaseUrl`, an in-memory database. */
  dataDir?: string;
  /** `postgres://…`: use PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** Per client; null turns limiting off. Default 50 requests/s with bursts of 100. */
  rateLimit?: RateLimitOptions | null;
  /** Send CORS headers on registration too (GET is always open). Default true. */
  registerCors?: boolean;
  /** Take the client address from the last X-Forwarded-For hop (only behind a proxy that sets it). */
  trustProxy?: boolean;
  log?: RequestLogger;
}

export interface ResolverServer {
  url: string;
  server: Server;
  store: DocumentStore;
  /** Stops accepting, lets requests in flight finish, then closes the store. */
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 50, burst: 100 };
export const SQLITE_FILE_NAME = 'resolver.sqlite';
/** Requests still running this long after close() are cut off. */
const CLOSE_GRACE_MS = 10_000;

interface Endpoint {
  /** Template for logs: never the DID itself. */
  path: string;
  method: 'GET' | 'POST';
  handle(req: IncomingMessage): Promise<[number, unknown]>;
}

export async function startResolver(options: ResolverOptions = {}): Promise<ResolverServer> {
  let sqliteFile: string | undefined;
  if (!options.databaseUrl && options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    sqliteFile = join(options.dataDir, SQLITE_FILE_NAME);
  }
  const store = await openStore({ databaseUrl: options.databaseUrl, sqliteFile });
  const limiter = options.rateLimit === null ? null : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const registerCors = options.registerCors ?? true;
  let closing = false;

  async function register(req: IncomingMessage): Promise<[number, unknown]> {
    const token = tokenFromBody(await readBody(req));
    const next = await verifySubmitted(token);
    const head = await store.head(next.did);
    // The same token again is a client retrying after a lost answer: it is already stored.
    if (head?.token === token) return [200, { did: head.did, version: head.version, updateTime: head.updateTime }];
    checkSuccession(head ? await storedDocument(head.token, head.did) : null, next);
    const version = (head?.version ?? 0) + 1;
    const stored = await store.append({ did: next.did, version, updateTime: next.updateTime, token, registeredAt: Date.now() });
    if (!stored)
      throw new HttpError(409, `another update of ${next.did} was registered at the same time; fetch the current document and retry`);
    return [200, { did: next.did, version, updateTime: next.updateTime }];
  }

  async function discover(segment: string, _query: URLSearchParams): Promise<[number, unknown]> {
    const did = didFromPath(segment);
    const head = await store.head(did);
    if (!head) throw new HttpError(404, `${did} is not registered`);
    return [200, { token: head.token }];
  }

  async function history(segment: string, query: URLSearchParams): Promise<[number, unknown]> {
    const did = didFromPath(segment);
    const { after, limit } = historyPage(query);
    const versions = await store.history(did, after, limit + 1);
    if (versions.length === 0 && after === 0) throw new HttpError(404, `${did} is not registered`);
    const page = versions.slice(0, limit).map(({ version, updateTime, registeredAt, token }) => ({ version, updateTime, registeredAt, token }));
    return [200, { did, versions: page, ...(versions.length > limit ? { next: page[page.length - 1]!.version } : {}) }];
  }

  async function health(): Promise<[number, unknown]> {
    try {
      await store.ping();
    } catch {
      throw new HttpError(503, `the ${store.kind} store does not answer`);
    }
    return [200, { status: 'ok', store: store.kind }];
  }

  function endpoint(pathname: string, query: URLSearchParams): Endpoint | null {
    if (pathname === '/1.0/register') return { path: pathname, method: 'POST', handle: register };
    if (pathname === '/health') return { path: pathname, method: 'GET', handle: health };
    for (const [prefix, handler] of [
      ['/1.0/discover/', discover],
      ['/1.0/history/', history],
    ] as const) {
      const segment = pathname.slice(prefix.length);
      if (pathname.startsWith(prefix) && segment.length > 0 && !segment.includes('/'))
        return { path: `${prefix}{did}`, method: 'GET', handle: () => handler(segment, query) };
    }
    return null;
  }

  async function answer(req: IncomingMessage, method: string, target: Endpoint | null, client: string): Promise<[number, unknown]> {
    if (method === 'OPTIONS') return [204, null];
    if (!target) throw new HttpError(404, 'not found: this resolver serves /1.0/register, /1.0/discover/{did}, /1.0/history/{did} and /health');
    if (method !== target.method) throw new HttpError(405, `use ${target.method} here`, { allow: target.method });
    const wait = limiter?.take(client) ?? 0;
    if (wait > 0) throw new HttpError(429, `too many requests from this client; retry in ${wait} s`, { 'retry-after': String(wait) });
    return target.handle(req);
  }

  function clientOf(req: IncomingMessage): string {
    if (options.trustProxy) {
      const forwarded = req.headers['x-forwarded-for'];
      const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim();
      if (last) return last.slice(0, 64);
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
    const cors = req.method === 'GET' || registerCors;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(cors
        ? { 'access-control-allow-origin': '*', 'access-control-allow-methods': registerCors ? 'GET, POST, OPTIONS' : 'GET', 'access-control-allow-headers': 'content-type' }
        : {}),
      ...(closing ? { connection: 'close' } : {}),
      ...extra,
    };
    res.writeHead(status, headers);
    res.end(status === 204 ? undefined : JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const client = clientOf(req);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://resolver');
    } catch {
      url = new URL('http://resolver/');
    }
    const target = endpoint(url.pathname, url.searchParams);
    const logPath = method === 'OPTIONS' ? 'preflight' : (target?.path ?? 'other');
    answer(req, method, target, client)
      .then(([status, body]): [number, unknown, Record<string, string>] => [status, body, {}])
      .catch((error: unknown): [number, unknown, Record<string, string>] => {
        if (error instanceof HttpError) return [error.status, { error: error.message }, error.headers];
        process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', path: logPath, error: String((error as Error)?.message ?? error).slice(0, 300) })}\n`);
        return [500, { error: 'internal error' }, {}];
      })
      .then(([status, body, headers]) => {
        if (res.destroyed) return;
        send(req, res, status, body, headers);
        options.log?.({ method, path: logPath, status, ms: performance.now() - started, client });
      });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    server,
    store,
    close: () => {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        await stopped;
        clearTimeout(cutOff);
        await store.close();
      })();
      return closed;
    },
  };
}
