import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDocumentToken,
  createIdentity,
  deriveEntityKeys,
  entropyToMaster,
  hexToBytes,
  httpResolver,
  replaceKey,
  encodeIdpub,
  updateDocument,
} from '../../src/core';
import { startResolver, type ResolverServer } from '../../e2e/resolver/server';

const ENTROPY = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

async function alice() {
  const keys = await deriveEntityKeys(await entropyToMaster(ENTROPY), 'user', 'alice');
  const created = await createIdentity({ kind: 'user', keys, label: 'Alice', updateTime: 1_700_000_001_000 });
  return { keys, document: created.document };
}

let server: ResolverServer | null = null;
let dir: string | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const post = (url: string, body: string) => fetch(`${url}/1.0/register`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });

describe('development resolver', () => {
  it('registers a verified document token and serves it back through the core http resolver', async () => {
    server = await startResolver();
    const { keys, document } = await alice();
    const token = await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: server.url });
    const response = await post(server.url, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const discovered = await fetch(`${server.url}/1.0/discover/${document.id}`).then((r) => r.json());
    expect(discovered).toEqual({ token });
    expect(await httpResolver(server.url)(document.id)).toEqual(document);
  });

  it('refuses a token whose signature does not verify, and an unknown DID is 404', async () => {
    server = await startResolver();
    const { keys, document } = await alice();
    const token = await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: 'x' });
    const tampered = `${token.slice(0, -4)}AAAA`;
    const response = await post(server.url, tampered);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/signature/i);
    expect((await fetch(`${server.url}/1.0/discover/${document.id}`)).status).toBe(404);
  });

  it('accepts a newer document that extends the chain and refuses going back in time', async () => {
    server = await startResolver();
    const { keys, document } = await alice();
    const first = await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: 'x' });
    expect((await post(server.url, first)).status).toBe(200);
    const next = await deriveEntityKeys(await entropyToMaster(ENTROPY), 'user', 'alice-next');
    const replaced = await replaceKey(document.identityChain, {
      oldKey: encodeIdpub(keys[2]!.publicKey),
      newKey: encodeIdpub(next[2]!.publicKey),
      signerSecretKey: keys[1]!.secretKey,
    });
    const updated = await updateDocument(document, { updateTime: document.updateTime + 1, identityChain: replaced.chain });
    const second = await createDocumentToken(updated, { secretKey: keys[0]!.secretKey, audience: 'x' });
    expect((await post(server.url, second)).status).toBe(200);
    expect((await post(server.url, second)).status, 'the same token again is accepted').toBe(200);
    const stale = await post(server.url, first);
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatch(/updateTime/);
  });

  it('keeps registrations across a restart (persisted to its data file)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sigil-resolver-'));
    const dataFile = join(dir, 'tokens.json');
    server = await startResolver({ dataFile });
    const { keys, document } = await alice();
    const token = await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: 'x' });
    await post(server.url, token);
    await server.close();
    expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toEqual({ [document.id]: token });
    server = await startResolver({ dataFile });
    expect(await fetch(`${server.url}/1.0/discover/${document.id}`).then((r) => r.json())).toEqual({ token });
  });
});
