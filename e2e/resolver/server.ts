/**
 * The development IOTICS resolver (DESIGN.md §5): `POST /1.0/register` with a document token,
 * `GET /1.0/discover/{did}` → `{"token"}`. Every token is verified with Sigil's core before it is
 * stored; a newer document must extend the stored one's chain. Persists to a JSON file (written to a
 * temporary file and renamed, so a crash never leaves half a file).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { checkDid, verifyDocumentToken, type DidDocument } from '../../src/core';

const MAX_BODY_BYTES = 1024 * 1024;

export interface ResolverServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface ResolverOptions {
  port?: number;
  host?: string;
  /** Where registered tokens are kept; in memory only when omitted. */
  dataFile?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'the document token is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The token from a body that is either the token itself or `{"token": "…"}`. */
function tokenFrom(body: string): string {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { token?: unknown };
      if (typeof parsed.token === 'string') return parsed.token;
    } catch {
      // fall through
    }
    throw new HttpError(400, 'the body must be a document token or {"token": "…"}');
  }
  return text;
}

const extendsChain = (before: DidDocument, after: DidDocument): boolean =>
  after.identityChain.chainId === before.identityChain.chainId &&
  before.identityChain.entries.every(
    (entry, i) => JSON.stringify(entry) === JSON.stringify(after.identityChain.entries[i]),
  );

export async function startResolver(options: ResolverOptions = {}): Promise<ResolverServer> {
  const tokens = new Map<string, { token: string; document: DidDocument }>();
  if (options.dataFile) {
    try {
      const saved = JSON.parse(await readFile(options.dataFile, 'utf8')) as Record<string, string>;
      for (const token of Object.values(saved)) {
        const { document } = await verifyDocumentToken(token);
        tokens.set(document.id, { token, document });
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  let saving = Promise.resolve();
  const persist = () => {
    if (!options.dataFile) return Promise.resolve();
    const file = options.dataFile;
    const data = JSON.stringify(Object.fromEntries([...tokens].map(([did, v]) => [did, v.token])), null, 1);
    saving = saving.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, data);
      await rename(`${file}.tmp`, file);
    });
    return saving;
  };

  async function register(req: IncomingMessage): Promise<unknown> {
    const token = tokenFrom(await readBody(req));
    let document: DidDocument;
    try {
      ({ document } = await verifyDocumentToken(token));
    } catch (error) {
      throw new HttpError(400, (error as Error).message);
    }
    const stored = tokens.get(document.id);
    // Registering the same token again is fine (a wallet retrying after a lost answer).
    if (stored?.token === token) return { did: document.id, updateTime: document.updateTime };
    if (stored) {
      if (document.updateTime <= stored.document.updateTime)
        throw new HttpError(409, `updateTime must be greater than the registered document's (${stored.document.updateTime})`);
      if (!extendsChain(stored.document, document))
        throw new HttpError(409, "the document's identity chain does not extend the registered one");
    }
    tokens.set(document.id, { token, document });
    await persist();
    return { did: document.id, updateTime: document.updateTime };
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://resolver').pathname;
    const route = async (): Promise<[number, unknown]> => {
      if (req.method === 'OPTIONS') return [204, {}];
      if (req.method === 'POST' && path === '/1.0/register') return [200, await register(req)];
      const discover = /^\/1\.0\/discover\/(.+)$/.exec(path);
      if (req.method === 'GET' && discover) {
        const did = decodeURIComponent(discover[1]!);
        if (!checkDid(did).valid) throw new HttpError(400, 'not a valid did:iotics DID');
        const hit = tokens.get(did);
        if (!hit) throw new HttpError(404, `${did} is not registered`);
        return [200, { token: hit.token }];
      }
      throw new HttpError(404, 'not found');
    };
    route().then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => send(res, error instanceof HttpError ? error.status : 500, { error: error instanceof HttpError ? error.message : 'internal error' }),
    );
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    server,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await saving;
    },
  };
}
