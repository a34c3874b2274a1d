/** Sigil documents and tokens for the resolver tests, made with the real core (no mocked crypto). */
import {
  createDocumentToken,
  createIdentity,
  deriveEntityKeys,
  encodeIdpub,
  entropyToMaster,
  hexToBytes,
  replaceKey,
  updateDocument,
  type DerivedKey,
  type DidDocument,
} from '../../src/core';

const ENTROPY = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
let master: Promise<Uint8Array> | null = null;
const masterKey = () => (master ??= entropyToMaster(ENTROPY));

export interface TestIdentity {
  keys: DerivedKey[];
  document: DidDocument;
  token: string;
}

export async function identity(name: string, updateTime = 1_700_000_001_000): Promise<TestIdentity> {
  const keys = await deriveEntityKeys(await masterKey(), 'user', name);
  const { document } = await createIdentity({ kind: 'user', keys, label: name, updateTime });
  const token = await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: 'resolver' });
  return { keys, document, token };
}

/** `base` with its priority-2 key replaced by one derived from `newKeyName`, `later` ms newer. */
export async function rotated(base: TestIdentity, newKeyName: string, later = 1): Promise<TestIdentity> {
  const next = await deriveEntityKeys(await masterKey(), 'user', newKeyName);
  const replaced = await replaceKey(base.document.identityChain, {
    oldKey: encodeIdpub(base.keys[2]!.publicKey),
    newKey: encodeIdpub(next[2]!.publicKey),
    signerSecretKey: base.keys[1]!.secretKey,
  });
  const document = await updateDocument(base.document, {
    updateTime: base.document.updateTime + later,
    identityChain: replaced.chain,
  });
  const keys = [base.keys[0]!, base.keys[1]!, next[2]!];
  return { keys, document, token: await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: 'resolver' }) };
}

/** `base` re-signed with a newer updateTime and nothing else changed. */
export async function touched(base: TestIdentity, later: number): Promise<TestIdentity> {
  const document = await updateDocument(base.document, { updateTime: base.document.updateTime + later });
  return { ...base, document, token: await createDocumentToken(document, { secretKey: base.keys[0]!.secretKey, audience: 'resolver' }) };
}
