import { describe, expect, it } from 'vitest';
import {
  createDocumentToken,
  createIdentity,
  deriveEntityKeys,
  encodeIdpub,
  entropyToMaster,
  hexToBytes,
  replaceKey,
  updateDocument,
} from '../../../src/core/index';
import { checkDocumentSuccession, verifyAnyDocumentToken } from '../../../src/core/registration';
import { caught } from '../fixtures';
import { decodeSegment, ioticsVectors } from './vectors';

const ENTROPY = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

async function sigilAlice() {
  const master = await entropyToMaster(ENTROPY);
  const keys = await deriveEntityKeys(master, 'user', 'alice');
  const next = await deriveEntityKeys(master, 'user', 'alice-next');
  const { document } = await createIdentity({ kind: 'user', keys, updateTime: 1_700_000_001_000 });
  const token = (doc: typeof document) => createDocumentToken(doc, { secretKey: keys[0]!.secretKey, audience: 'r' });
  const replaced = (newKey: Uint8Array) =>
    replaceKey(document.identityChain, {
      oldKey: encodeIdpub(keys[2]!.publicKey),
      newKey: encodeIdpub(newKey),
      signerSecretKey: keys[1]!.secretKey,
    });
  return { keys, next, document, token, replaced };
}

describe('verifyAnyDocumentToken and checkDocumentSuccession: sigil format', () => {
  it('verifies a sigil document token and reports its format, DID, updateTime and issuer', async () => {
    const { document, token } = await sigilAlice();
    const verified = await verifyAnyDocumentToken(await token(document), { did: document.id });
    expect(verified).toMatchObject({ format: 'sigil', did: document.id, updateTime: document.updateTime, issuer: `${document.id}#user-0-0` });
    expect(verified.document).toEqual(document);
    expect(() => checkDocumentSuccession(null, verified)).not.toThrow();
  });

  it('refuses a tampered sigil token and a token for another DID than asked', async () => {
    const { document, token } = await sigilAlice();
    const good = await token(document);
    expect((await caught(() => verifyAnyDocumentToken(`${good.slice(0, -4)}AAAA`))).message).toMatch(/signature does not verify/);
    const other = ioticsVectors.identities.user.did;
    expect((await caught(() => verifyAnyDocumentToken(good, { did: other }))).message).toMatch(/expected the document of/);
  });

  it('accepts an update that extends the chain, refuses one that rewrites it or is not newer', async () => {
    const { document, token, replaced, next, keys } = await sigilAlice();
    const first = await verifyAnyDocumentToken(await token(document));
    const extended = await updateDocument(document, { updateTime: document.updateTime + 1, identityChain: (await replaced(next[2]!.publicKey)).chain });
    const second = await verifyAnyDocumentToken(await token(extended));
    expect(() => checkDocumentSuccession(first, second)).not.toThrow();
    expect((await caught(() => checkDocumentSuccession(second, first))).code).toBe('UPDATE_TIME');
    expect((await caught(() => checkDocumentSuccession(second, second))).message).toMatch(/must be greater/);
    // A fork: the same slot replaced by another key, at a newer time, does not extend `second`.
    const fork = await updateDocument(document, { updateTime: document.updateTime + 2, identityChain: (await replaced(next[1]!.publicKey)).chain });
    const forked = await verifyAnyDocumentToken(await token(fork));
    const error = await caught(() => checkDocumentSuccession(second, forked));
    expect(error.code).toBe('INVALID_CHAIN');
    expect(error.message).toMatch(/does not extend/);
    expect(keys.length).toBe(3);
  });

  it('refuses replacing a document of one format with the other, and of another DID', async () => {
    const { document, token } = await sigilAlice();
    const sigil = await verifyAnyDocumentToken(await token(document));
    const iotics = await verifyAnyDocumentToken(ioticsVectors.documents[ioticsVectors.identities.user.did].token);
    const relabelled = { ...iotics, did: sigil.did, updateTime: sigil.updateTime + 1 };
    expect((await caught(() => checkDocumentSuccession(sigil, relabelled))).message).toMatch(/registered in the sigil format, not iotics/);
    expect((await caught(() => checkDocumentSuccession(sigil, iotics))).message).toMatch(/is for .* not /);
  });
});

describe('verifyAnyDocumentToken and checkDocumentSuccession: iotics format', () => {
  it('verifies every document token the IOTICS library made, current and historical', async () => {
    for (const [did, entry] of Object.entries<any>(ioticsVectors.documents)) {
      const verified = await verifyAnyDocumentToken(entry.token, { did });
      expect(verified).toMatchObject({ format: 'iotics', did, updateTime: entry.doc.updateTime, proofVerified: true });
      expect(verified.issuer).toBe(decodeSegment(entry.token, 1).iss);
      expect(verified.document).toEqual(entry.doc);
    }
  });

  it('accepts the library document history in order, each version replacing the previous one', async () => {
    const latest = new Map<string, Awaited<ReturnType<typeof verifyAnyDocumentToken>>>();
    for (const entry of ioticsVectors.documentHistory) {
      const next = await verifyAnyDocumentToken(entry.token, { did: entry.did });
      expect(next.updateTime).toBe(entry.updateTime);
      checkDocumentSuccession(latest.get(entry.did) ?? null, next);
      latest.set(entry.did, next);
    }
    expect(latest.size).toBe(4);
  });

  it('refuses the negative documents, each for its stated reason', async () => {
    const byName = Object.fromEntries(ioticsVectors.negativeDocuments.map((c: any) => [c.name, c]));
    const foreign = await caught(() => verifyAnyDocumentToken(byName['document-token-signed-by-foreign-key'].token));
    expect(foreign.code).toBe('TOKEN_SIGNATURE');
    expect(foreign.message).toMatch(/signature does not verify with #user-0/);
    for (const name of ['user-document-proof-by-wrong-key', 'agent-document-proof-by-wrong-key']) {
      const error = await caught(() => verifyAnyDocumentToken(byName[name].token));
      expect(error.code, name).toBe('INVALID_DOCUMENT');
      expect(error.message, name).toMatch(/proof does not verify with the key the DID is made from/);
    }
    const older = byName['document-update-older-updateTime'];
    const current = await verifyAnyDocumentToken(older.currentToken);
    const stale = await verifyAnyDocumentToken(older.token);
    const error = await caught(() => checkDocumentSuccession(current, stale));
    expect(error.code).toBe('UPDATE_TIME');
  });
});
