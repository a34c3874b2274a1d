import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIoticsAuthToken,
  createIoticsDocument,
  createIoticsDocumentToken,
  deriveIoticsKey,
  hexToBytes,
  httpResolver,
  staticResolver,
  updateIoticsDocument,
  verifyAuthToken,
} from '../../../src/core/index';
import { caught } from '../fixtures';
import { ioticsVectors as V } from './vectors';

describe('httpResolver with IOTICS document tokens', () => {
  let server: Server;
  let url: string;
  const served = new Map<string, string>(Object.entries<any>(V.documents).map(([did, e]) => [did, e.token]));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const match = /^\/1\.0\/discover\/(.+)$/.exec(req.url ?? '');
      const token = match ? served.get(decodeURIComponent(match[1]!)) : undefined;
      res.writeHead(token ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(token ? { token } : { error: 'not found' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('resolves and verifies IOTICS document tokens; every library token verifies through it', async () => {
    expect(await httpResolver(url)(V.identities.user.did)).toEqual(V.documents[V.identities.user.did].doc);
    for (const t of V.tokens) {
      await expect(verifyAuthToken(t.token, { audience: t.audience, resolve: httpResolver(url), now: t.verifyAt })).resolves.toMatchObject({ format: 'iotics' });
    }
    expect((await caught(() => httpResolver(url, { audience: 'resolver' })(V.identities.user.did))).code).toBe('TOKEN_AUDIENCE');
  });

  it('refuses a document token signed by a foreign key, served for its DID', async () => {
    const negative = V.negativeDocuments.find((n: any) => n.name === 'document-token-signed-by-foreign-key');
    const did = JSON.parse(Buffer.from(negative.token.split('.')[1], 'base64url').toString()).doc.id;
    served.set(did, negative.token);
    const error = await caught(() => httpResolver(url)(did));
    expect(error).toMatchObject({ code: 'TOKEN_SIGNATURE', message: 'document token signature does not verify with #user-0' });
  });
});

describe('the subject document controller (IOTICS authorisation through a controller)', () => {
  it('lets the controller, and whoever the controller delegated to, act for a document that names it', async () => {
    const seed = hexToBytes(V.identities.agent.seedHex);
    const agent = await deriveIoticsKey({ seed, kind: 'agent', keyName: V.identities.agent.keyName });
    const thing = await deriveIoticsKey({ seed, kind: 'twin', keyName: 'controlled' });
    const base = createIoticsDocument({ kind: 'twin', secretKey: thing.secretKey, updateTime: 1_795_979_900_000 });
    const controlled = updateIoticsDocument(base, { controller: V.identities.agent.issuer, updateTime: 1_795_979_900_001 });
    expect(Object.keys(controlled).slice(-2)).toEqual(['revoked', 'controller']);
    const tokens = [...Object.values<any>(V.documents).map((e) => e.token), createIoticsDocumentToken(controlled, { keyId: '#twin-0', secretKey: thing.secretKey })];
    const now = 1_795_979_950;
    const { token } = createIoticsAuthToken({ issuer: V.identities.agent.issuer, subject: controlled.id, audience: 'a', durationSeconds: 60, secretKey: agent.secretKey, now });
    await expect(verifyAuthToken(token, { audience: 'a', resolve: staticResolver(tokens), now })).resolves.toMatchObject({
      delegation: null,
      controller: V.identities.agent.did,
    });
    const user = await deriveIoticsKey({ seed: hexToBytes(V.identities.user.seedHex), kind: 'user', keyName: V.identities.user.keyName });
    const stranger = createIoticsAuthToken({ issuer: V.identities.user.issuer, subject: controlled.id, audience: 'a', durationSeconds: 60, secretKey: user.secretKey, now });
    expect((await caught(() => verifyAuthToken(stranger.token, { audience: 'a', resolve: staticResolver(tokens), now }))).code).toBe('DELEGATION_MISSING');
  });
});
