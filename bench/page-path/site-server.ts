/**
 * A bare web page on its own 127.0.0.1 port (each server is a separate origin, so each gets its own
 * permissions and its own per-origin request allowance). It is cross-origin isolated (COOP + COEP),
 * which makes `performance.now()` fine-grained: 5 µs in Chromium and 20 µs in Firefox instead of
 * 100 µs and 1 ms; nothing else about the page → content script → background path changes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE = '<!doctype html><meta charset="utf-8"><title>Sigil bench site</title><p>bench</p>';

export interface SiteServer {
  origin: string;
  close(): Promise<void>;
}

export async function startSiteServer(): Promise<SiteServer> {
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(PAGE);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
