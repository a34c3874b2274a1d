/**
 * Serves the demo dApp (and test pages) on 127.0.0.1. Used by `npm start` and by the end-to-end tests.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve, sep } from 'node:path';
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

export async function startDappServer(port = 0, host = '127.0.0.1'): Promise<DappServer> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
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
