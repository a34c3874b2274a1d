/**
 * Serves the demo dApp (and test pages) on 127.0.0.1. Used by `npm start` and by the end-to-end tests.
 * `POST /verify` is the dApp's own server checking a token it was handed, as a real service does:
 * Sigil's core verifier (either format), resolving documents through the resolver over HTTP.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve, sep } from 'node:path';
import { httpResolver, isCoreError, verifyAuthToken } from '../../src/core';
import { DIST_DIR } from '../support/paths';

const PUBLIC_DIR = resolve(import.meta.dirname, 'public');
/** The core's browser bundle, written by the extension build (scripts/build.mjs). */
const CORE_BUNDLE = resolve(DIST_DIR, 'dapp/sigil-core.js');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

export interface DappServer {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** A verification request body is one token and two URLs. */
const MAX_VERIFY_BODY = 16 * 1024;

/** Only a resolver on this machine: the demo server must not be made to fetch arbitrary addresses. */
const isLoopbackHttp = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
};

async function readBody(req: import('node:http').IncomingMessage): Promise<string | null> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_VERIFY_BODY) return null;
  }
  return body;
}

/** `{token, audience, resolver}` → `{valid: true, format, claims}` or `{valid: false, reason}`. */
async function verifyRequest(body: string | null): Promise<{ status: number; answer: unknown }> {
  let request: { token?: unknown; audience?: unknown; resolver?: unknown };
  try {
    request = JSON.parse(body ?? '') as typeof request;
  } catch {
    return { status: 400, answer: { error: 'the body must be JSON {token, audience, resolver}' } };
  }
  const { token, audience, resolver } = request;
  if (typeof token !== 'string' || typeof audience !== 'string' || typeof resolver !== 'string' || !isLoopbackHttp(resolver))
    return { status: 400, answer: { error: 'token and audience must be strings, resolver an http URL on this machine' } };
  try {
    const verified = await verifyAuthToken(token, { audience, resolve: httpResolver(resolver) });
    return { status: 200, answer: { valid: true, format: verified.format, claims: verified.claims } };
  } catch (error) {
    if (!isCoreError(error)) throw error;
    return { status: 200, answer: { valid: false, code: error.code, reason: error.message } };
  }
}

export async function startDappServer(port = 0, host = '127.0.0.1'): Promise<DappServer> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/verify' && req.method === 'POST') {
      const { status, answer } = await verifyRequest(await readBody(req)).catch(() => ({ status: 500, answer: { error: 'verification failed' } }));
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(answer));
      return;
    }
    const relative = path === '/' ? 'index.html' : path.slice(1);
    const file = path === '/sigil-core.js' ? CORE_BUNDLE : normalize(resolve(PUBLIC_DIR, relative));
    if (file !== CORE_BUNDLE && !file.startsWith(PUBLIC_DIR + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(port, host, done));
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${actual}`,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
