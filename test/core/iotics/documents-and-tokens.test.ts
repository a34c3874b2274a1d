import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  addIoticsDelegation,
  base58Decode,
  base64Decode,
  createIoticsAuthToken,
  createIoticsDelegationProof,
  createIoticsDocument,
  createIoticsDocumentToken,
  createIoticsTwinToken,
  deriveIoticsKey,
  hexToBytes,
  orderIoticsDocument,
  pythonJson,
  staticResolver,
  validateIoticsDelegation,
  validateIoticsDocument,
  verifyAuthToken,
  verifyIoticsDocumentToken,
  type IoticsDocument,
} from '../../../src/core/index';
import { caught, documentVectors } from '../fixtures';
import { decodeSegment, ioticsVectors as V, rawSegment } from './vectors';

const N = secp256k1.Point.CURVE().n;
const isHighS = (s: bigint) => s > N / 2n;
const documentTokens = () => Object.values<any>(V.documents).map((entry) => entry.token as string);
const resolverWith = (extra: Record<string, string> = {}) => {
  const byDid: Record<string, string> = Object.fromEntries(Object.entries<any>(V.documents).map(([did, e]) => [did, e.token]));
  return staticResolver({ ...byDid, ...extra });
};
const keyOf = (doc: IoticsDocument, id: string) => base58Decode(doc.publicKey.find((k) => k.id === id)!.publicKeyBase58);

describe('IOTICS documents made by the library', () => {
  it('verifies every document, its proof, its token and its delegations; the high-S flags are what they claim', () => {
    for (const [did, entry] of Object.entries<any>(V.documents)) {
      const check = validateIoticsDocument(entry.doc);
      expect(check, did).toMatchObject({ valid: true, proofVerified: true });
      const verified = verifyIoticsDocumentToken(entry.token, { did });
      expect(verified.document).toEqual(entry.doc);
      const proof = secp256k1.Signature.fromBytes(base64Decode(entry.doc.proof), 'der');
      expect(isHighS(proof.s), `${did} proof`).toBe(entry.proofHighS);
      const jws = secp256k1.Signature.fromBytes(Buffer.from(entry.token.split('.')[2], 'base64url'), 'compact');
      expect(isHighS(jws.s), `${did} token`).toBe(entry.tokenSignatureHighS);
      for (const d of entry.delegations ?? []) {
        const delegation = entry.doc[d.list].find((x: any) => x.id === d.id);
        expect(delegation).toMatchObject({ controller: d.controller, proofType: d.proofType });
        const controllerDid = d.controller.split('#')[0];
        const check = validateIoticsDelegation(delegation, did, V.documents[controllerDid].doc);
        expect(check, `${did} ${d.id}`).toEqual({ valid: true });
        const sig = secp256k1.Signature.fromBytes(base64Decode(delegation.proof), 'der');
        expect(isHighS(sig.s)).toBe(d.proofHighS);
      }
    }
  });

  it('writes documents byte for byte as the library does (field order, separators, escaping)', () => {
    for (const token of [...documentTokens(), ...V.documentHistory.map((h: any) => h.token)]) {
      const claims = decodeSegment(token, 1);
      expect(pythonJson({ iss: claims.iss, aud: claims.aud, doc: orderIoticsDocument(claims.doc) })).toBe(rawSegment(token, 1));
      expect(rawSegment(token, 0)).toBe('{"alg":"ES256","typ":"JWT"}');
    }
  });

  it('verifies the Go library resolver test token (research note §7.3)', () => {
    const token =
      'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6aW90aWNzOmlvdFlKdUpzMlYzMUJIYzVIdlZSTTNBYTVUMkJENVE5djNScSNhZ2VudC0wIiwiYXVkIjoibW9jazovL3Jlc29sdmVyIiwiZG9jIjp7IkBjb250ZXh0IjoiaHR0cHM6Ly93M2lkLm9yZy9kaWQvdjEiLCJpZCI6ImRpZDppb3RpY3M6aW90WUp1SnMyVjMxQkhjNUh2VlJNM0FhNVQyQkQ1UTl2M1JxIiwiaW90aWNzU3BlY1ZlcnNpb24iOiIwLjAuMSIsImlvdGljc0RJRFR5cGUiOiJhZ2VudCIsInVwZGF0ZVRpbWUiOjE2MDI0OTgyOTc5MjcsInByb29mIjoiTUVVQ0lRQ0xFNWZVdWlTVXZvbklEaEUzT1ZIcXY2cVNuK1UxdFY4RFNleHpaMHl4M1FJZ2FyV3pONzFsaTlLU3VBOHhMUWg3NmpkSkJHN1QyRUEwMjJMbnFnR1hxUDA9IiwicHVibGljS2V5IjpbeyJpZCI6IiNhZ2VudC0wIiwidHlwZSI6IlNlY3AyNTZrMVZlcmlmaWNhdGlvbktleTIwMTgiLCJwdWJsaWNLZXlCYXNlNTgiOiJSR2p6TDU4Zmd4dlZxR1Iyam5YRWZCZlMzV3g0ZHZNQnR4NzRRWXBObUN4dHdGeDJtNTZxSlBkeU5Xa1Z3dVBSOGs2WlB2dTI5N1Z6aTlDWVNQdTdpMmdoIiwicmV2b2tlZCI6ZmFsc2V9XSwiYXV0aGVudGljYXRpb24iOltdLCJkZWxlZ2F0ZUNvbnRyb2wiOltdLCJkZWxlZ2F0ZUF1dGhlbnRpY2F0aW9uIjpbXSwibWV0YWRhdGEiOnt9fX0.CHl_30AhfFe-Cfny8axwdmZ_iF4nhFFxUsm0rcMJIQGCrN3X-HcSX60X7x2IDVM4Sbw-JGbgpgZ6QRJJyhxYTA';
    // Go omits `revoked` (omitempty): the document is read as the Go library wrote it.
    const claims = decodeSegment(token, 1);
    const raw = Buffer.from(token.split('.')[2]!, 'base64url');
    const [header, payload] = token.split('.');
    const key = keyOf(claims.doc, '#agent-0');
    expect(secp256k1.verify(raw, new TextEncoder().encode(`${header}.${payload}`), key, { format: 'compact', lowS: false })).toBe(true);
    expect(validateIoticsDocument({ ...claims.doc, revoked: false })).toMatchObject({ valid: true, proofVerified: true });
  });

  it('checks every token signature a second way: noble directly on the raw bytes, SHA-256 prehashed by hand', () => {
    const docs: Record<string, IoticsDocument> = Object.fromEntries(Object.entries<any>(V.documents).map(([d, e]) => [d, e.doc]));
    for (const entry of [...V.tokens, ...documentTokens().map((token) => ({ token }))]) {
      const [header, payload, signature] = entry.token.split('.');
      const { iss } = decodeSegment(entry.token, 1);
      const [did, id] = [iss.split('#')[0], `#${iss.split('#')[1]}`];
      const digest = sha256(new TextEncoder().encode(`${header}.${payload}`));
      const ok = secp256k1.verify(Buffer.from(signature, 'base64url'), digest, keyOf(docs[did]!, id), {
        prehash: false,
        lowS: false,
        format: 'compact',
      });
      expect(ok, iss).toBe(true);
    }
  });
});

describe('IOTICS auth tokens made by the library', () => {
  it.each<[string, any]>(V.tokens.map((t: any) => [t.name, t] as [string, any]))('%s verifies at verifyAt with its audience', async (_name: string, t: any) => {
    const verified = await verifyAuthToken(t.token, { audience: t.audience, resolve: resolverWith(), now: t.verifyAt });
    expect(verified.format).toBe('iotics');
    expect(verified.claims).toEqual(t.claims);
    expect(Object.keys(decodeSegment(t.token, 1))).toEqual(['iss', 'aud', 'sub', 'iat', 'exp']);
    const sig = secp256k1.Signature.fromBytes(Buffer.from(t.token.split('.')[2], 'base64url'), 'compact');
    expect(isHighS(sig.s)).toBe(t.signatureHighS);
    if (t.claims.sub === t.claims.iss.split('#')[0]) expect(verified.delegation).toBeNull();
    else expect(verified.delegation?.controller).toBe(t.claims.iss);
  });

  it('accepts high-S signatures: both in a token and in a delegation proof', async () => {
    const highS = V.tokens.find((t: any) => t.name === 'agent-for-user-high-s');
    expect(highS.signatureHighS).toBe(true);
    await expect(verifyAuthToken(highS.token, { audience: highS.audience, resolve: resolverWith(), now: highS.verifyAt })).resolves.toBeTruthy();
    const generic = V.tokens.find((t: any) => t.name === 'agent-for-user2-generic');
    const user2 = V.documents[V.identities.user2.did];
    expect(user2.delegations[0].proofHighS).toBe(true);
    const verified = await verifyAuthToken(generic.token, { audience: generic.audience, resolve: resolverWith(), now: generic.verifyAt });
    expect(verified.delegation?.proofType).toBe('generic');
  });

  const reasons: Record<string, { code: string; message: RegExp }> = {
    'tampered-signature': { code: 'TOKEN_SIGNATURE', message: /^token signature does not verify$/ },
    'wrong-audience': { code: 'TOKEN_AUDIENCE', message: /^token audience is https:\/\/app\.example, expected https:\/\/other\.example$/ },
    expired: { code: 'TOKEN_EXPIRED', message: /^token expired at / },
    'delegation-names-other-agent-key': { code: 'DELEGATION_MISSING', message: /has no delegation to did:iotics:iotBsAtFNhBH8m2RBTaEfxuP8xRXpjHzgDAy#agent-0$/ },
    'delegation-proof-by-other-agent-key': { code: 'DELEGATION_INVALID', message: /proof does not verify with did:iotics:iotBsAtFNhBH8m2RBTaEfxuP8xRXpjHzgDAy#agent-1$/ },
    'user-document-proof-by-wrong-key': { code: 'INVALID_DOCUMENT', message: /^subject document .*proof does not verify with the key the DID is made from/ },
    'agent-document-proof-by-wrong-key': { code: 'INVALID_DOCUMENT', message: /^issuer document .*proof does not verify with the key the DID is made from/ },
    'no-delegation-from-user': { code: 'DELEGATION_MISSING', message: /has no delegation to / },
  };

  it.each<[string, any]>(V.negative.map((n: any) => [n.name, n] as [string, any]))('refuses %s for its stated reason', async (name: string, n: any) => {
    expect(reasons[name as string], `a reason is asserted for ${name}`).toBeDefined();
    const error = await caught(() =>
      verifyAuthToken(n.token, { audience: n.audience, resolve: resolverWith(n.extraDocuments ?? {}), now: n.verifyAt }),
    );
    expect(error.code).toBe(reasons[name as string]!.code);
    expect(error.message).toMatch(reasons[name as string]!.message);
    if (n.validAt !== undefined)
      await expect(verifyAuthToken(n.token, { audience: n.audience, resolve: resolverWith(), now: n.validAt })).resolves.toBeTruthy();
  });

  it('applies a maximum lifetime only when the caller sets one', async () => {
    const t = V.tokens.find((x: any) => x.name === 'agent-for-user');
    const error = await caught(() =>
      verifyAuthToken(t.token, { audience: t.audience, resolve: resolverWith(), now: t.verifyAt, maxLifetimeSeconds: 3600 }),
    );
    expect(error.code).toBe('TOKEN_LIFETIME');
  });
});

describe('IOTICS documents and tokens made by Sigil', () => {
  const alice = V.identities.user;
  const agent = V.identities.agent;
  const twin = V.identities.twin;
  const derive = (identity: any, kind: 'user' | 'agent' | 'twin', keyName = identity.keyName) =>
    deriveIoticsKey({ seed: hexToBytes(identity.seedHex), kind, keyName });

  it('rebuilds the library user document: same bytes except the randomised signatures', async () => {
    const library = V.documents[alice.did];
    const userKey = await derive(alice, 'user');
    const agentKey = await derive(agent, 'agent');
    const created = createIoticsDocument({ kind: 'user', secretKey: userKey.secretKey, updateTime: library.doc.updateTime - 1 });
    const proof = createIoticsDelegationProof({ secretKey: agentKey.secretKey, delegatingDid: alice.did });
    const doc = addIoticsDelegation(
      created,
      'delegateAuthentication',
      { id: '#2tu8yogsd', controller: agent.issuer, proof, proofType: 'did' },
      library.doc.updateTime,
    );
    const withoutSignatures = (d: any) => JSON.stringify({ ...d, proof: '', delegateAuthentication: d.delegateAuthentication.map((x: any) => ({ ...x, proof: '' })) });
    expect(withoutSignatures(doc)).toBe(withoutSignatures(library.doc));
    const token = createIoticsDocumentToken(doc, { keyId: '#user-0', secretKey: userKey.secretKey });
    expect(rawSegment(token, 0)).toBe(rawSegment(library.token, 0));
    const verified = verifyIoticsDocumentToken(token, { did: alice.did });
    expect(verified).toMatchObject({ issuer: alice.issuer, audience: '', proofVerified: true });
    expect(validateIoticsDelegation(doc.delegateAuthentication[0]!, alice.did, V.documents[agent.did].doc)).toEqual({ valid: true });
  });

  it('makes auth tokens whose header and claims are byte for byte the library ones, and verifies them', async () => {
    const agentKey = await derive(agent, 'agent');
    const library = V.tokens.find((t: any) => t.name === 'agent-for-user');
    const created = createIoticsAuthToken({
      issuer: agent.issuer,
      subject: alice.did,
      audience: library.audience,
      durationSeconds: 60,
      secretKey: agentKey.secretKey,
      now: library.iat + 30,
    });
    expect(Object.keys(decodeSegment(created.token, 1))).toEqual(['iss', 'aud', 'sub', 'iat', 'exp']);
    expect(rawSegment(created.token, 0)).toBe(rawSegment(library.token, 0));
    const sameClaims = createIoticsAuthToken({
      issuer: agent.issuer, subject: alice.did, audience: library.audience, durationSeconds: 3600, secretKey: agentKey.secretKey, now: 1795979883,
    });
    const libraryHour = V.tokens.find((t: any) => t.name === 'agent-for-user-1h');
    expect(sameClaims.token.split('.')[1]).toBe(libraryHour.token.split('.')[1]);
    const verified = await verifyAuthToken(created.token, { audience: library.audience, resolve: resolverWith(), now: library.iat + 31 });
    expect(verified).toMatchObject({ format: 'iotics', delegation: { id: '#2tu8yogsd' } });
    const twinKey = await derive(twin, 'twin');
    const self = createIoticsTwinToken({ issuer: twin.issuer, audience: 'https://app.example', durationSeconds: 60, secretKey: twinKey.secretKey, now: 1795979900 });
    expect(decodeSegment(self.token, 1).sub).toBe(twin.did);
    await expect(verifyAuthToken(self.token, { audience: 'https://app.example', resolve: resolverWith(), now: 1795979901 })).resolves.toMatchObject({ delegation: null });
  });

  it('refuses to issue tokens longer than 24 hours or signed by a key the document does not hold', async () => {
    const agentKey = await derive(agent, 'agent');
    const params = { issuer: agent.issuer, subject: alice.did, audience: 'a', secretKey: agentKey.secretKey };
    expect((await caught(() => createIoticsAuthToken({ ...params, durationSeconds: 86401 }))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => createIoticsAuthToken({ ...params, durationSeconds: 0 }))).code).toBe('INVALID_PARAMS');
    const userDoc = V.documents[alice.did].doc;
    expect((await caught(() => createIoticsDocumentToken(userDoc, { keyId: '#user-0', secretKey: agentKey.secretKey }))).message).toMatch(
      /not the key #user-0/,
    );
  });

  it('escapes non-ASCII as Python does, and such a document round-trips through its token', async () => {
    expect(pythonJson({ label: 'café Ω\u007f' })).toBe('{"label":"caf\\u00e9 \\u03a9\\u007f"}');
    const twinKey = await derive(twin, 'twin');
    const doc = createIoticsDocument({ kind: 'twin', secretKey: twinKey.secretKey, metadata: { label: 'Küche 🌡' }, updateTime: 1 });
    const token = createIoticsDocumentToken(doc, { keyId: '#twin-0', secretKey: twinKey.secretKey });
    expect(rawSegment(token, 1)).toContain('"metadata":{"label":"K\\u00fcche \\ud83c\\udf21"}');
    expect(verifyIoticsDocumentToken(token).document).toEqual(doc);
  });

  it('keeps the formats apart: an IOTICS token is not verified against Sigil documents, nor the reverse', async () => {
    const t = V.tokens.find((x: any) => x.name === 'agent-for-user');
    const sigilLike = async () => ({ ...V.documents[agent.did].doc, identityChain: {} }) as never;
    const error = await caught(() => verifyAuthToken(t.token, { audience: t.audience, resolve: sigilLike, now: t.verifyAt }));
    expect(error).toMatchObject({ code: 'INVALID_DOCUMENT', message: `issuer document ${agent.did} is in the sigil format; the token is an IOTICS one` });
    const sigilToken = documentVectors.token;
    const ioticsDoc = async () => V.documents[agent.did].doc;
    const reverse = await caught(() => verifyAuthToken(sigilToken, { audience: documentVectors.audience, resolve: ioticsDoc, now: documentVectors.now }));
    expect(reverse.message).toBe(`issuer document ${documentVectors.agent} is in the iotics format; the token is a sigil one`);
  });
});
