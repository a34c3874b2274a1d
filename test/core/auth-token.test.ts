import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  base64urlEncode,
  createAuthToken,
  createDelegationProof,
  createDocumentToken,
  httpResolver,
  revokeDelegation,
  signJwt,
  staticResolver,
  updateDocument,
  verifyAuthToken,
  type DidDocument,
  type DocumentResolver,
} from '../../src/core/index';
import { caught, documentVectors as V, entities, type Entities } from './fixtures';

let e: Entities;
const audience: string = V.audience;
const now: number = V.now;
/** A resolver over document tokens: each document signed by its identity's master key, as a resolver stores it. */
function signed(documents: DidDocument[] | Record<string, DidDocument>): DocumentResolver {
  const master: Record<string, Uint8Array> = {
    [e.userDid]: e.user[0]!.secretKey,
    [e.agentDid]: e.agent[0]!.secretKey,
    [e.twinDid]: e.twin[0]!.secretKey,
  };
  const list = Array.isArray(documents) ? documents : Object.values(documents);
  const tokens = Promise.all(list.map((doc) => createDocumentToken(doc, { secretKey: master[doc.id]!, audience: 'test' })));
  const resolver = tokens.then((all) => staticResolver(all));
  return async (did) => (await resolver)(did);
}
const before = () => signed(V.documents_before);
const afterReplacement = () => signed([V.agent_document_after_replacing_key_2, V.documents_before[V.user]]);
const afterRenewal = () => signed([V.agent_document_after_replacing_key_2, V.user_document_after_renewal]);
const verify = (token: string, resolve: DocumentResolver, extra: Partial<Parameters<typeof verifyAuthToken>[1]> = {}) =>
  verifyAuthToken(token, { audience, resolve, now, ...extra });
const valid = (p: Promise<unknown>) => p.then(
  () => true,
  () => false,
);

beforeAll(async () => {
  e = await entities();
});

describe('creating auth tokens', () => {
  it('reproduces the vector tokens byte for byte', async () => {
    const created = await createAuthToken({
      issuer: `${e.agentDid}#agent-2-0`,
      subject: e.userDid,
      audience,
      durationSeconds: 60,
      secretKey: e.agent[2]!.secretKey,
      now: 1800000000,
    });
    expect(created.token).toBe(V.token);
    expect(created.claims).toEqual(V.token_claims);
    expect(created.expiresAt).toBe(V.token_claims.exp);
    const after = await createAuthToken({
      issuer: `${e.agentDid}#agent-2-1`,
      subject: e.userDid,
      audience,
      durationSeconds: 60,
      secretKey: e.agentNextSigning.secretKey,
      now: 1800000000,
    });
    expect(after.token).toBe(V.token_after_replacement);
  });

  it('verifies with jose (EdDSA, JWK from the raw public key)', async () => {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(e.agent[2]!.publicKey) }, 'EdDSA');
    const { payload, protectedHeader } = await jwtVerify(V.token, key, {
      audience,
      issuer: `${e.agentDid}#agent-2-0`,
      currentDate: new Date(now * 1000),
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    expect(payload).toEqual(V.token_claims);
    const otherKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(e.agent[1]!.publicKey) }, 'EdDSA');
    await expect(jwtVerify(V.token, otherKey, { currentDate: new Date(now * 1000) })).rejects.toThrow();
  });

  it('validates its parameters', async () => {
    const base = {
      issuer: `${e.agentDid}#agent-2-0`,
      subject: e.userDid,
      audience,
      durationSeconds: 60,
      secretKey: e.agent[2]!.secretKey,
    };
    for (const durationSeconds of [0, 86401, 1.5, -5])
      expect((await caught(() => createAuthToken({ ...base, durationSeconds }))).message).toBe(
        'durationSeconds must be an integer from 1 to 86400',
      );
    expect((await createAuthToken({ ...base, durationSeconds: 86400, now: 100 })).claims).toMatchObject({ iat: 70, exp: 86500 });
    expect((await caught(() => createAuthToken({ ...base, issuer: e.agentDid }))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => createAuthToken({ ...base, subject: 'did:iotics:iotHHHHKpPGWWWC4FFo4d6oyzVVk6MXLmEgY' }))).code).toBe('INVALID_DID');
    expect((await caught(() => createAuthToken({ ...base, audience: '' }))).code).toBe('INVALID_PARAMS');
  });
});

describe('verifying auth tokens: the vector expectations', () => {
  it('token with the documents before the replacement', async () => {
    expect(V.expect.token_valid_with_documents_before).toBe(true);
    const verified = await verify(V.token, before());
    expect(verified.claims).toEqual(V.token_claims);
    expect(verified.issuer.keyId).toBe('#agent-2-0');
    expect(verified.delegation?.id).toBe('#deleg-0');
  });

  it('token after the replacement', async () => {
    expect(await valid(verify(V.token, afterReplacement()))).toBe(V.expect.token_valid_after_replacement);
    expect(await caught(() => verify(V.token, afterReplacement()))).toMatchObject({
      code: 'KEY_REVOKED',
      message: V.expect.token_valid_after_replacement_reason,
    });
  });

  it('new token before and after the renewal', async () => {
    expect(await valid(verify(V.token_after_replacement, afterReplacement()))).toBe(
      V.expect.token_after_replacement_valid_before_renewal,
    );
    expect(await caught(() => verify(V.token_after_replacement, afterReplacement()))).toMatchObject({ code: 'DELEGATION_MISSING' });
    expect(await valid(verify(V.token_after_replacement, afterRenewal()))).toBe(V.expect.token_after_replacement_valid_after_renewal);
    expect((await verify(V.token_after_replacement, afterRenewal())).delegation?.id).toBe('#deleg-1');
  });
});

describe('verifying auth tokens: every rule', () => {
  it('accepts a token signed by jose', async () => {
    const key = await importJWK(
      { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(e.agent[2]!.publicKey), d: base64urlEncode(e.agent[2]!.secretKey) },
      'EdDSA',
    );
    const token = await new SignJWT({ sub: e.userDid })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setIssuer(`${e.agentDid}#agent-2-0`)
      .setAudience(audience)
      .setIssuedAt(now - 30)
      .setExpirationTime(now + 600)
      .sign(key);
    expect((await verify(token, before())).claims.sub).toBe(e.userDid);
  });

  it('refuses an expired token, and one issued in the future', async () => {
    const exp = V.token_claims.exp;
    expect(await caught(() => verify(V.token, before(), { now: exp }))).toMatchObject({
      code: 'TOKEN_EXPIRED',
      message: `token expired at ${new Date(exp * 1000).toISOString()}`,
    });
    expect((await verify(V.token, before(), { now: exp, clockSkewSeconds: 5 })).claims.exp).toBe(exp);
    expect((await caught(() => verify(V.token, before(), { now: V.token_claims.iat - 1 }))).code).toBe('TOKEN_NOT_YET_VALID');
    expect(await valid(verify(V.token, before(), { now: V.token_claims.iat - 1, clockSkewSeconds: 1 }))).toBe(true);
  });

  it('refuses a wrong audience', async () => {
    expect(await caught(() => verify(V.token, before(), { audience: 'https://evil.example' }))).toMatchObject({
      code: 'TOKEN_AUDIENCE',
      message: `token audience is ${audience}, expected https://evil.example`,
    });
  });

  it('refuses a tampered signature or payload', async () => {
    const [h, p, s] = V.token.split('.');
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    expect((await caught(() => verify(`${h}.${p}.${flipped}`, before()))).code).toBe('TOKEN_SIGNATURE');
    const claims = { ...V.token_claims, exp: V.token_claims.exp + 3600 };
    const payload = base64urlEncode(new TextEncoder().encode(JSON.stringify(claims)));
    expect(await caught(() => verify(`${h}.${payload}.${s}`, before()))).toMatchObject({
      code: 'TOKEN_SIGNATURE',
      message: 'token signature does not verify',
    });
  });

  it('refuses a token signed by another key than iss names', async () => {
    const token = await signJwt({ ...V.token_claims }, e.agent[1]!.secretKey);
    expect((await caught(() => verify(token, before()))).code).toBe('TOKEN_SIGNATURE');
  });

  it('refuses a revoked delegation', async () => {
    const user = await revokeDelegation(V.documents_before[e.userDid], { id: '#deleg-0', updateTime: 1700000002000 });
    const resolve = signed([user, V.documents_before[e.agentDid]]);
    expect(await caught(() => verify(V.token, resolve))).toMatchObject({
      code: 'DELEGATION_REVOKED',
      message: `delegation #deleg-0 from ${e.userDid} to ${e.agentDid}#agent-2-0 is revoked`,
    });
  });

  it('refuses a delegation whose proof was made by another key than its controller', async () => {
    const user: DidDocument = structuredClone(V.documents_before[e.userDid]);
    user.delegateAuthentication[0]!.proof = await createDelegationProof({ secretKey: e.twin[2]!.secretKey, delegatingDid: e.userDid });
    expect(await caught(() => verify(V.token, signed([user, e.agentDoc])))).toMatchObject({
      code: 'DELEGATION_INVALID',
      message: 'delegation #deleg-0 proof does not verify',
    });
  });

  it('refuses a delegation forged into the victim\'s document: documents only count when their owner signed them', async () => {
    // Mallory (here: the twin's keys) writes a delegation to herself into Alice's document. Her proof
    // is genuine, but she cannot sign Alice's document token with Alice's master key.
    const controller = `${e.twinDid}#twin-2-0`;
    const forged: DidDocument = structuredClone(e.userDoc);
    forged.delegateAuthentication.push({
      id: '#deleg-9',
      controller,
      proof: await createDelegationProof({ secretKey: e.twin[2]!.secretKey, delegatingDid: e.userDid }),
      proofType: 'did',
      revoked: false,
    });
    const forgedToken = await signJwt({ iss: `${e.userDid}#user-0-0`, aud: 'x', doc: forged }, e.twin[0]!.secretKey);
    const twinToken = await createDocumentToken(e.twinDoc, { secretKey: e.twin[0]!.secretKey, audience: 'x' });
    const { token } = await createAuthToken({ issuer: controller, subject: e.userDid, audience, durationSeconds: 60, secretKey: e.twin[2]!.secretKey, now });
    const error = await caught(() => verify(token, staticResolver([forgedToken, twinToken])));
    expect(error.code).toBe('TOKEN_SIGNATURE');
    expect(error.message).toBe(`subject document ${e.userDid}: document token signature does not verify`);
    expect((await caught(() => staticResolver([forged as unknown as string]))).message).toMatch(/must be given as a document token/);
  });

  it('refuses revoked and missing documents', async () => {
    const revokedUser = await updateDocument(e.userDoc, { updateTime: 1700000002000, revoked: true });
    expect(await caught(() => verify(V.token, signed([revokedUser, e.agentDoc])))).toMatchObject({
      code: 'DOCUMENT_REVOKED',
      message: `subject document ${e.userDid} is revoked`,
    });
    const revokedAgent = await updateDocument(e.agentDoc, { updateTime: 1700000002000, revoked: true });
    expect((await caught(() => verify(V.token, signed([e.userDoc, revokedAgent])))).code).toBe('DOCUMENT_REVOKED');
    expect(await caught(() => verify(V.token, signed([e.userDoc])))).toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
      message: `issuer document ${e.agentDid} was not found`,
    });
    expect((await caught(() => verify(V.token, signed([e.agentDoc])))).code).toBe('DOCUMENT_NOT_FOUND');
  });

  it('refuses invalid documents from the resolver, and a resolver that lies or fails', async () => {
    const invalidUser = V.invalid_documents[0].document;
    // A custom resolver's answer is validated like any other.
    const custom: DocumentResolver = async (did) => ({ [e.userDid]: invalidUser, [e.agentDid]: e.agentDoc })[did] ?? null;
    expect(await caught(() => verify(V.token, custom))).toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: `subject document ${e.userDid} is invalid: proof does not verify`,
    });
    expect((await caught(() => verify(V.token, async () => e.twinDoc))).code).toBe('INVALID_DOCUMENT');
    expect(
      await caught(() =>
        verify(V.token, async () => {
          throw new Error('socket hang up');
        }),
      ),
    ).toMatchObject({ code: 'RESOLVER_ERROR' });
  });

  it('refuses an unknown issuer key and a twin that never delegated', async () => {
    const token = (
      await createAuthToken({ issuer: `${e.agentDid}#agent-2-7`, subject: e.userDid, audience, durationSeconds: 60, secretKey: e.agent[2]!.secretKey, now })
    ).token;
    expect((await caught(() => verify(token, before()))).code).toBe('KEY_NOT_FOUND');
    const viaOther = (
      await createAuthToken({ issuer: `${e.agentDid}#agent-1-0`, subject: e.userDid, audience, durationSeconds: 60, secretKey: e.agent[1]!.secretKey, now })
    ).token;
    expect((await caught(() => verify(viaOther, before()))).code).toBe('DELEGATION_MISSING');
  });

  it('accepts a control delegation for authentication, and a self-issued token', async () => {
    const forTwin = await createAuthToken({
      issuer: `${e.agentDid}#agent-2-0`,
      subject: e.twinDid,
      audience,
      durationSeconds: 60,
      secretKey: e.agent[2]!.secretKey,
      now,
    });
    expect((await verify(forTwin.token, before())).delegation?.controller).toBe(`${e.agentDid}#agent-2-0`);
    const self = await createAuthToken({
      issuer: `${e.userDid}#user-2-0`,
      subject: e.userDid,
      audience,
      durationSeconds: 60,
      secretKey: e.user[2]!.secretKey,
      now,
    });
    const verified = await verify(self.token, before());
    expect(verified.delegation).toBeNull();
    expect(verified.subject.did).toBe(e.userDid);
  });

  it('refuses malformed tokens and lifetimes over 24 hours', async () => {
    const [h, p] = V.token.split('.');
    const none = `${base64urlEncode(new TextEncoder().encode('{"alg":"none"}'))}.${p}.`;
    for (const token of ['', 'a.b', `${h}.${p}`, none, `${h}.!!.${V.token.split('.')[2]}`])
      expect((await caught(() => verify(token, before()))).code, token).toBe('TOKEN_MALFORMED');
    const long = await signJwt({ ...V.token_claims, exp: V.token_claims.iat + 86400 + 31 }, e.agent[2]!.secretKey);
    expect(await caught(() => verify(long, before()))).toMatchObject({ code: 'TOKEN_LIFETIME' });
    const backwards = await signJwt({ ...V.token_claims, exp: V.token_claims.iat }, e.agent[2]!.secretKey);
    expect((await caught(() => verify(backwards, before()))).code).toBe('TOKEN_LIFETIME');
    const noSub = await signJwt({ ...V.token_claims, sub: 'alice' }, e.agent[2]!.secretKey);
    expect((await caught(() => verify(noSub, before()))).code).toBe('TOKEN_MALFORMED');
  });
});

describe('verifying through the IOTICS resolver API', () => {
  let server: Server;
  let url: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    tokens.set(e.userDid, await createDocumentToken(e.userDoc, { secretKey: e.user[0]!.secretKey, audience: 'resolver' }));
    tokens.set(e.agentDid, await createDocumentToken(e.agentDoc, { secretKey: e.agent[0]!.secretKey, audience: 'resolver' }));
    // The twin's DID answers with the user's document: a resolver that lies.
    tokens.set(e.twinDid, tokens.get(e.userDid)!);
    server = createServer((req, res) => {
      const match = /^\/1\.0\/discover\/(.+)$/.exec(req.url ?? '');
      const token = match ? tokens.get(decodeURIComponent(match[1]!)) : undefined;
      res.writeHead(token ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(token ? { token } : { error: 'not found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('resolves, verifies document tokens and verifies the auth token', async () => {
    const verified = await verify(V.token, httpResolver(url));
    expect(verified.claims).toEqual(V.token_claims);
    expect(await httpResolver(`${url}/`)(e.agentDid)).toEqual(e.agentDoc);
    expect(await httpResolver(url, { audience: 'resolver' })(e.userDid)).toEqual(e.userDoc);
  });

  it('maps 404 to null and refuses a document for another DID', async () => {
    expect(await httpResolver(url)('did:iotics:iotLPFgE1Q5x31dpUAKUWemywwttHmC6Zzfs')).toBeNull();
    expect((await caught(() => httpResolver(url)(e.twinDid))).code).toBe('INVALID_DOCUMENT');
    expect((await caught(() => httpResolver(url, { audience: 'other' })(e.userDid))).code).toBe('TOKEN_AUDIENCE');
  });

  it('reports an unreachable resolver and bad URLs', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await caught(() => httpResolver(`http://127.0.0.1:${port}`)(e.userDid))).code).toBe('RESOLVER_ERROR');
    expect((await caught(() => httpResolver('ftp://example'))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => httpResolver('not a url'))).code).toBe('INVALID_PARAMS');
  });
});
