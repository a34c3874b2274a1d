import { importJWK, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertValidDocument,
  base64urlEncode,
  buildDocument,
  createIdentityChain,
  createDelegationProof,
  createDocumentToken,
  decodeJwt,
  deriveKey,
  replaceKey,
  renewDelegations,
  signJwt,
  updateDocument,
  validateDocument,
  verifyDocumentToken,
  type DidDocument,
} from '../../src/core/index';
import { caught, clone, documentVectors as V, entities, type Entities } from './fixtures';

let e: Entities;
let agentAfter: DidDocument;
let userAfter: DidDocument;

beforeAll(async () => {
  e = await entities();
  const replaced = await replaceKey(e.agentDoc.identityChain, {
    oldKey: e.agent[2]!.idpub,
    newKey: e.agentNextSigning.idpub,
    signerSecretKey: e.agent[1]!.secretKey,
  });
  agentAfter = await updateDocument(e.agentDoc, { updateTime: 1700000002000, identityChain: replaced.chain });
  userAfter = await renewDelegations(e.userDoc, {
    oldController: `${e.agentDid}#agent-2-0`,
    newController: `${e.agentDid}#agent-2-1`,
    proofs: { did: await createDelegationProof({ secretKey: e.agentNextSigning.secretKey, delegatingDid: e.userDid }) },
    updateTime: 1700000002000,
  });
});

const json = (value: unknown) => JSON.stringify(value);
const publicJwk = (publicKeyBase58Bytes: Uint8Array) =>
  importJWK({ kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(publicKeyBase58Bytes) }, 'EdDSA');

describe('reproducing documents.json', () => {
  it('builds the user, agent and twin documents byte for byte', () => {
    expect(V.user).toBe(e.userDid);
    expect(V.agent).toBe(e.agentDid);
    expect(V.twin).toBe(e.twinDid);
    expect(json(e.userDoc)).toBe(json(V.documents_before[e.userDid]));
    expect(json(e.agentDoc)).toBe(json(V.documents_before[e.agentDid]));
    expect(json(e.twinDoc)).toBe(json(V.documents_before[e.twinDid]));
  });

  it('replaces the agent signing key with a priority-1 signature, byte for byte', () => {
    expect(json(agentAfter)).toBe(json(V.agent_document_after_replacing_key_2));
  });

  it('renews the user delegation after the replacement, byte for byte', () => {
    expect(json(userAfter)).toBe(json(V.user_document_after_renewal));
  });

  it('accepts every valid document of the vector', async () => {
    for (const doc of [...Object.values(V.documents_before), V.agent_document_after_replacing_key_2, V.user_document_after_renewal]) {
      const check = await validateDocument(doc);
      expect(check.valid ? 'valid' : check.reason).toBe('valid');
    }
  });

  it.each(V.invalid_documents.map((x: any) => [x.why, x.document]) as [string, unknown][])('refuses a document where %s', async (why, doc) => {
    const check = await validateDocument(doc);
    expect(check.valid).toBe(false);
    if (!check.valid) expect(check.reason).toContain(why);
    expect(await caught(() => assertValidDocument(doc))).toMatchObject({ code: 'INVALID_DOCUMENT' });
  });
});

describe('document validation', () => {
  const reasonFor = async (mutate: (doc: any) => void, base: () => DidDocument = () => agentAfter) => {
    const doc = clone(base()) as any;
    mutate(doc);
    const check = await validateDocument(doc);
    return check.valid ? 'valid' : check.reason;
  };

  it('refuses a bad DID checksum', async () => {
    expect(await reasonFor((d) => (d.id = 'did:iotics:iotHHHHKpPGWWWC4FFo4d6oyzVVk6MXLmEgY'))).toBe('id: DID checksum does not match');
  });

  it('refuses a DID that is not made from the genesis master key', async () => {
    // A chain named after the user's DID but holding the agent's keys.
    const chain = createIdentityChain({ names: [e.userDid], keys: e.agent.map((k) => k.idpub) }).chain;
    expect(await reasonFor((d) => (d.identityChain = chain), () => e.userDoc)).toBe('the DID does not match the genesis master key');
    expect(
      await caught(() => buildDocument({ kind: 'user', identityChain: chain, proof: e.userDoc.proof, updateTime: 1 })),
    ).toMatchObject({ code: 'INVALID_DOCUMENT', message: 'the DID does not match the genesis master key' });
    // The agent's chain under the user's DID.
    expect(await reasonFor((d) => (d.identityChain = clone(e.agentDoc.identityChain)), () => e.userDoc)).toBe(
      'identityChain names[0] is not the DID',
    );
  });

  it('refuses key lists that do not match the chain', async () => {
    expect(await reasonFor((d) => d.publicKey.pop())).toBe('publicKey lists 3 keys but the identity chain has 4');
    expect(await reasonFor((d) => (d.publicKey[1].revoked = true))).toBe('an active key is marked revoked: #agent-1-0');
    expect(await reasonFor((d) => (d.publicKey[3].id = '#agent-2-3'))).toBe('publicKey[3] id must be #agent-2-1');
    expect(await reasonFor((d) => (d.ioticsDIDType = 'twin'))).toBe('publicKey[0] id must be #twin-0-0');
    expect(await reasonFor((d) => (d.publicKey[0].priority = 1))).toBe('publicKey[0] (#agent-0-0) priority must be 0');
    expect(await reasonFor((d) => (d.publicKey[0].publicKeyBase58 = d.publicKey[1].publicKeyBase58))).toBe(
      'publicKey[0] (#agent-0-0) publicKeyBase58 does not match its idpub',
    );
    expect(await reasonFor((d) => ([d.publicKey[0], d.publicKey[1]] = [d.publicKey[1], d.publicKey[0]]))).toBe(
      'publicKey[0] is not the key the identity chain holds',
    );
  });

  it('refuses a broken chain inside the document', async () => {
    expect(await reasonFor((d) => d.identityChain.entries[1].extIds.reverse())).toMatch(/^identity chain entry 1: not a ReplaceKey entry/);
  });

  it('refuses malformed documents with the field named', async () => {
    expect(await validateDocument(null)).toEqual({ valid: false, reason: 'document must be a JSON object' });
    expect(await validateDocument([])).toEqual({ valid: false, reason: 'document must be a JSON object' });
    expect(await reasonFor((d) => (d['@context'] = 'x'))).toBe('@context must be https://w3id.org/did/v1');
    expect(await reasonFor((d) => (d.updateTime = -1))).toBe('updateTime must be a non-negative integer');
    expect(await reasonFor((d) => (d.proof = '!'))).toBe('proof must be base64');
    expect(await reasonFor((d) => (d.revoked = 'no'))).toBe('revoked must be true or false');
    expect(await reasonFor((d) => (d.publicKey[0].type = 'EcdsaSecp256k1VerificationKey2019'))).toBe(
      'publicKey[0].type must be Ed25519VerificationKey2018',
    );
    expect(await reasonFor((d) => (d.metadata = []))).toBe('metadata must be an object');
    expect(await reasonFor((d) => (d.delegateAuthentication[0].id = '#deleg-x'), () => e.userDoc)).toBe(
      'delegateAuthentication[0] id must be #deleg-<n>',
    );
    expect(
      await reasonFor((d) => d.delegateControl.push({ ...d.delegateAuthentication[0] }), () => e.userDoc),
    ).toBe('delegation id #deleg-0 is used twice');
    expect(await reasonFor((d) => (d.delegateAuthentication[0].proof = 'AAAA'), () => e.userDoc)).toBe(
      'delegateAuthentication[0] proof must be a base64 64-byte signature',
    );
    expect(
      await reasonFor(
        (d) => (d.delegateAuthentication[0].controller = 'did:iotics:iotHHHHKpPGWWWC4FFo4d6oyzVVk6MXLmEgY#agent-2-0'),
        () => e.userDoc,
      ),
    ).toBe('delegateAuthentication[0] controller DID checksum does not match');
  });
});

describe('updating documents', () => {
  it('requires a strictly increasing updateTime', async () => {
    for (const updateTime of [e.agentDoc.updateTime, e.agentDoc.updateTime - 1])
      expect(await caught(() => updateDocument(e.agentDoc, { updateTime }))).toMatchObject({
        code: 'UPDATE_TIME',
        message: "updateTime must be greater than the document's current updateTime (1700000001000)",
      });
    const next = await updateDocument(e.agentDoc, { updateTime: e.agentDoc.updateTime + 1, label: 'Agent' });
    expect(next.metadata).toEqual({ label: 'Agent' });
    expect((await updateDocument(next, { updateTime: next.updateTime + 1, label: null })).metadata).toEqual({});
  });

  it('refuses a label with line breaks, control or bidirectional override characters', async () => {
    for (const label of ['Pay\u202Eevil', 'two\nlines', 'tab\there', 'iso\u2066late']) {
      expect(await caught(() => updateDocument(e.agentDoc, { updateTime: e.agentDoc.updateTime + 1, label }))).toMatchObject({
        code: 'INVALID_PARAMS',
        message: 'label must not contain line breaks, control characters or bidirectional override characters',
      });
    }
    const next = await updateDocument(e.agentDoc, { updateTime: e.agentDoc.updateTime + 1, label: 'Küche – غرفة 🦊' });
    expect(next.metadata).toEqual({ label: 'Küche – غرفة 🦊' });
  });

  it('refuses to rewrite chain history and to touch a revoked document', async () => {
    const other = clone(agentAfter.identityChain);
    other.entries[0]!.content = agentAfter.identityChain.entries[0]!.content.replace(/^e/, 'f');
    for (const identityChain of [other, e.agentDoc.identityChain])
      expect(await caught(() => updateDocument(agentAfter, { updateTime: 1800000000000, identityChain }))).toMatchObject({
        code: 'INVALID_PARAMS',
        message: "identityChain must extend the document's chain (entries are append-only)",
      });
    const revoked = await updateDocument(e.agentDoc, { updateTime: 1700000005000, revoked: true });
    expect(revoked.revoked).toBe(true);
    expect((await validateDocument(revoked)).valid).toBe(true);
    expect((await caught(() => updateDocument(revoked, { updateTime: 1700000006000, revoked: false }))).code).toBe('DOCUMENT_REVOKED');
  });

  it('builds only documents whose proof verifies', async () => {
    const fields = { kind: 'agent' as const, identityChain: e.agentDoc.identityChain, updateTime: 1, proof: e.userDoc.proof };
    expect(await caught(() => buildDocument(fields))).toMatchObject({ code: 'INVALID_DOCUMENT', message: 'proof does not verify' });
  });
});

describe('document tokens', () => {
  it('signs with the active master key and verifies, also with jose', async () => {
    const token = await createDocumentToken(e.userDoc, { secretKey: e.user[0]!.secretKey, audience: 'https://resolver.example' });
    const decoded = decodeJwt(token);
    expect(decoded.header).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    expect(Object.keys(decoded.claims)).toEqual(['iss', 'aud', 'doc']);
    expect(decoded.claims.iss).toBe(`${e.userDid}#user-0-0`);
    const verified = await verifyDocumentToken(token, { audience: 'https://resolver.example', did: e.userDid });
    expect(json(verified.document)).toBe(json(e.userDoc));
    const jose = await jwtVerify(token, await publicJwk(e.user[0]!.publicKey), { audience: 'https://resolver.example' });
    expect(jose.payload.iss).toBe(`${e.userDid}#user-0-0`);
  });

  it('refuses tokens not signed by the active master key', async () => {
    expect(await caught(() => createDocumentToken(e.userDoc, { secretKey: e.user[2]!.secretKey, audience: 'a' }))).toMatchObject({
      code: 'INVALID_PARAMS',
    });
    const bySigningKey = await signJwt({ iss: `${e.userDid}#user-2-0`, aud: 'a', doc: e.userDoc }, e.user[2]!.secretKey);
    expect((await caught(() => verifyDocumentToken(bySigningKey))).code).toBe('TOKEN_SIGNATURE');
    const forged = await signJwt({ iss: `${e.userDid}#user-0-0`, aud: 'a', doc: e.userDoc }, e.user[2]!.secretKey);
    expect(await caught(() => verifyDocumentToken(forged))).toMatchObject({
      code: 'TOKEN_SIGNATURE',
      message: 'document token signature does not verify',
    });
  });

  it('refuses a retired master key after the master was replaced, and accepts the new one', async () => {
    const k01 = await deriveKey(e.master, { kind: 'user', keyName: 'alice', priority: 0, generation: 1 });
    const replaced = await replaceKey(e.userDoc.identityChain, {
      oldKey: e.user[0]!.idpub,
      newKey: k01.idpub,
      signerSecretKey: e.user[0]!.secretKey,
    });
    const doc = await updateDocument(e.userDoc, { updateTime: 1700000003000, identityChain: replaced.chain });
    expect(doc.proof).toBe(e.userDoc.proof);
    const old = await signJwt({ iss: `${e.userDid}#user-0-0`, aud: 'a', doc }, e.user[0]!.secretKey);
    expect(await caught(() => verifyDocumentToken(old))).toMatchObject({ code: 'KEY_REVOKED' });
    const token = await createDocumentToken(doc, { secretKey: k01.secretKey, audience: 'a' });
    expect((await verifyDocumentToken(token)).issuer).toBe(`${e.userDid}#user-0-1`);
  });

  it('refuses a wrong audience, a wrong DID, a tampered document and an invalid one', async () => {
    const token = await createDocumentToken(e.userDoc, { secretKey: e.user[0]!.secretKey, audience: 'a' });
    expect((await caught(() => verifyDocumentToken(token, { audience: 'b' }))).code).toBe('TOKEN_AUDIENCE');
    expect((await caught(() => verifyDocumentToken(token, { did: e.agentDid }))).code).toBe('INVALID_DOCUMENT');
    const [h, , s] = token.split('.');
    const tampered = clone(e.userDoc);
    tampered.metadata.label = 'Mallory';
    const payload = base64urlEncode(new TextEncoder().encode(JSON.stringify({ iss: `${e.userDid}#user-0-0`, aud: 'a', doc: tampered })));
    expect((await caught(() => verifyDocumentToken(`${h}.${payload}.${s}`))).code).toBe('TOKEN_SIGNATURE');
    const invalid = await signJwt({ iss: `${e.userDid}#user-0-0`, aud: 'a', doc: V.invalid_documents[0].document }, e.user[0]!.secretKey);
    expect(await caught(() => verifyDocumentToken(invalid))).toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: 'invalid DID document: proof does not verify',
    });
  });
});
