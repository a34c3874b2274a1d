import { describe, expect, it } from 'vitest';
import {
  addIoticsDelegation,
  addIoticsOwnerKey,
  checkDocumentSuccession,
  createIoticsAuthToken,
  createIoticsDelegationProof,
  createIoticsDocument,
  createIoticsDocumentToken,
  deriveIoticsKey,
  hexToBytes,
  renewIoticsDelegations,
  rotateIoticsKey,
  staticResolver,
  verifyAnyDocumentToken,
  verifyAuthToken,
  type IoticsKeyPair,
} from '../../../src/core/index';
import { caught } from '../fixtures';
import { ioticsVectors as V } from './vectors';

const NOW = 1_800_000_000;
const T0 = NOW * 1000;
const seed = (identity: any) => hexToBytes(identity.seedHex);

async function setup() {
  const userKey = await deriveIoticsKey({ seed: seed(V.identities.user), kind: 'user', keyName: 'alice' });
  const agentKey = await deriveIoticsKey({ seed: seed(V.identities.agent), kind: 'agent', keyName: 'alice-agent' });
  const agentNext = await deriveIoticsKey({ seed: seed(V.identities.agent), kind: 'agent', keyName: 'alice-agent-2' });
  const agentDoc = createIoticsDocument({ kind: 'agent', secretKey: agentKey.secretKey, updateTime: T0 });
  const agentToken = createIoticsDocumentToken(agentDoc, { keyId: '#agent-0', secretKey: agentKey.secretKey });
  const userBase = createIoticsDocument({ kind: 'user', secretKey: userKey.secretKey, updateTime: T0 });
  const controller = `${agentDoc.id}#agent-0`;
  const proof = createIoticsDelegationProof({ secretKey: agentKey.secretKey, delegatingDid: userBase.id });
  const userDoc = addIoticsDelegation(userBase, 'delegateAuthentication', { id: '#auth', controller, proof }, T0 + 1);
  const userToken = createIoticsDocumentToken(userDoc, { keyId: '#user-0', secretKey: userKey.secretKey });
  return { userKey, agentKey, agentNext, agentDoc, agentToken, userDoc, userToken };
}

const tokenBy = (key: IoticsKeyPair, issuer: string, subject: string) =>
  createIoticsAuthToken({ issuer, subject, audience: 'https://app.example', durationSeconds: 60, secretKey: key.secretKey, now: NOW }).token;
const verifyAt = (token: string, tokens: string[]) =>
  verifyAuthToken(token, { audience: 'https://app.example', resolve: staticResolver(tokens), now: NOW + 1 });

describe('IOTICS key rotation', () => {
  it('rotates the only owner key in two updates, each a valid successor, and renews the delegation', async () => {
    const s = await setup();
    const rotation = rotateIoticsKey(s.agentDoc, {
      oldKeyId: '#agent-0',
      oldSecretKey: s.agentKey.secretKey,
      newSecretKey: s.agentNext.secretKey,
      updateTime: T0 + 10,
    });
    expect(rotation).toMatchObject({ newKeyId: '#agent-1', oldController: `${s.agentDoc.id}#agent-0`, newController: `${s.agentDoc.id}#agent-1` });
    expect(rotation.updates.map((u) => u.document.publicKey.map((k) => k.id))).toEqual([['#agent-1', '#agent-0'], ['#agent-1']]);
    let previous = await verifyAnyDocumentToken(s.agentToken);
    for (const update of rotation.updates) {
      const next = await verifyAnyDocumentToken(update.token, { did: s.agentDoc.id });
      checkDocumentSuccession(previous, next);
      expect(next.updateTime).toBeGreaterThan(previous.updateTime);
      previous = next;
    }
    expect(previous).toMatchObject({ format: 'iotics', proofVerified: false });

    const renewed = renewIoticsDelegations(s.userDoc, {
      oldController: rotation.oldController,
      newController: rotation.newController,
      secretKey: s.agentNext.secretKey,
    })!;
    expect(renewed.delegateAuthentication).toMatchObject([{ id: '#auth', controller: rotation.newController, proofType: 'did', revoked: false }]);
    const renewedToken = createIoticsDocumentToken(renewed, { keyId: '#user-0', secretKey: s.userKey.secretKey });
    checkDocumentSuccession(await verifyAnyDocumentToken(s.userToken), await verifyAnyDocumentToken(renewedToken));

    const agentHistory = [s.agentToken, ...rotation.updates.map((u) => u.token)];
    const fresh = tokenBy(s.agentNext, rotation.newController, s.userDoc.id);
    await expect(verifyAt(fresh, [...agentHistory, s.userToken, renewedToken])).resolves.toMatchObject({ format: 'iotics', delegation: { id: '#auth' } });
    const stale = tokenBy(s.agentKey, rotation.oldController, s.userDoc.id);
    const error = await caught(() => verifyAt(stale, [...agentHistory, s.userToken, renewedToken]));
    expect(error).toMatchObject({ code: 'KEY_NOT_FOUND', message: `issuer key #agent-0 is not in ${s.agentDoc.id}` });
    // Before renewal the user's delegation still names the removed key: the new key's token is refused.
    expect((await caught(() => verifyAt(fresh, [...agentHistory, s.userToken]))).code).toBe('DELEGATION_MISSING');
  });

  it('rotates in one update signed by an owner key that stays', async () => {
    const s = await setup();
    const third = await deriveIoticsKey({ seed: seed(V.identities.agent), kind: 'agent', keyName: 'alice-agent-3' });
    const twoKeys = addIoticsOwnerKey(s.agentDoc, { publicKeyBase58: s.agentNext.publicKeyBase58 }, T0 + 1);
    const twoKeysToken = createIoticsDocumentToken(twoKeys, { keyId: '#agent-0', secretKey: s.agentKey.secretKey });
    const rotation = rotateIoticsKey(twoKeys, {
      oldKeyId: '#agent-1',
      newSecretKey: third.secretKey,
      signer: { keyId: '#agent-0', secretKey: s.agentKey.secretKey },
      updateTime: T0 + 2,
    });
    expect(rotation.updates).toHaveLength(1);
    expect(rotation.updates[0]!.document.publicKey.map((k) => k.id)).toEqual(['#agent-2', '#agent-0']);
    const before = await verifyAnyDocumentToken(twoKeysToken);
    const after = await verifyAnyDocumentToken(rotation.updates[0]!.token);
    expect(() => checkDocumentSuccession(before, after)).not.toThrow();
    expect(after.issuer).toBe(`${s.agentDoc.id}#agent-0`);
    expect((await caught(() => rotateIoticsKey(twoKeys, { oldKeyId: '#agent-1', newSecretKey: third.secretKey, signer: { keyId: '#agent-1', secretKey: s.agentNext.secretKey } }))).message).toMatch(/owner key that stays/);
  });

  it('refuses an update signed by a key the update itself adds (a takeover of the DID)', async () => {
    const s = await setup();
    const mallory = await deriveIoticsKey({ seed: seed(V.identities.user2), kind: 'user', keyName: 'mallory' });
    const hijacked = addIoticsOwnerKey(s.agentDoc, { id: '#m', publicKeyBase58: mallory.publicKeyBase58 }, T0 + 5);
    const token = createIoticsDocumentToken(hijacked, { keyId: '#m', secretKey: mallory.secretKey });
    const next = await verifyAnyDocumentToken(token);
    const error = await caught(async () => checkDocumentSuccession(await verifyAnyDocumentToken(s.agentToken), next));
    expect(error).toMatchObject({ code: 'KEY_NOT_FOUND', message: 'the update is signed by #m, which is not a non-revoked owner key of the registered document' });
    // Mallory removes the DID's key too: such a document cannot be a first registration either.
    const only = rotateIoticsKey(s.agentDoc, { oldKeyId: '#agent-0', oldSecretKey: s.agentKey.secretKey, newSecretKey: mallory.secretKey, updateTime: T0 + 6 });
    const last = only.updates[1]!.token;
    expect((await caught(async () => checkDocumentSuccession(null, await verifyAnyDocumentToken(last)))).message).toMatch(/must list the key/);
    expect((await caught(() => staticResolver([last])(s.agentDoc.id))).message).toMatch(/must list the key/);
  });

  it('refuses an update that is not strictly newer', async () => {
    const s = await setup();
    const same = createIoticsDocumentToken({ ...s.agentDoc, metadata: { label: 'x' } }, { keyId: '#agent-0', secretKey: s.agentKey.secretKey });
    const error = await caught(async () => checkDocumentSuccession(await verifyAnyDocumentToken(s.agentToken), await verifyAnyDocumentToken(same)));
    expect(error.code).toBe('UPDATE_TIME');
  });
});
