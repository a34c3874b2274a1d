import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDelegation,
  createDelegationProof,
  delegationMessage,
  nextDelegationId,
  renewDelegations,
  replaceKey,
  revokeDelegation,
  staleDelegations,
  updateDocument,
  validateDelegation,
  type DidDocument,
} from '../../src/core/index';
import { caught, clone, documentVectors as V, entities, type Entities } from './fixtures';

let e: Entities;
let agentAfter: DidDocument;

beforeAll(async () => {
  e = await entities();
  agentAfter = V.agent_document_after_replacing_key_2;
});

describe('delegation validity', () => {
  it('holds for the vector delegations against the agent document', async () => {
    const userDeleg = e.userDoc.delegateAuthentication[0]!;
    const twinDeleg = e.twinDoc.delegateControl[0]!;
    expect(await validateDelegation(userDeleg, { delegatingDid: e.userDid, controllerDocument: e.agentDoc })).toEqual({ valid: true });
    expect(await validateDelegation(twinDeleg, { delegatingDid: e.twinDid, controllerDocument: e.agentDoc })).toEqual({ valid: true });
    const renewed = V.user_document_after_renewal.delegateAuthentication[1];
    expect(await validateDelegation(renewed, { delegatingDid: e.userDid, controllerDocument: agentAfter })).toEqual({ valid: true });
  });

  it('fails once the controller key is replaced', async () => {
    const check = await validateDelegation(e.userDoc.delegateAuthentication[0]!, { delegatingDid: e.userDid, controllerDocument: agentAfter });
    expect(check).toEqual({ valid: false, reason: 'controller key #agent-2-0 is revoked' });
  });

  it('fails for a controller mismatch', async () => {
    const check = await validateDelegation(e.userDoc.delegateAuthentication[0]!, { delegatingDid: e.userDid, controllerDocument: e.twinDoc });
    expect(check).toEqual({ valid: false, reason: `delegation #deleg-0 names controller ${e.agentDid}, not ${e.twinDid}` });
    const unknownKey = { ...e.userDoc.delegateAuthentication[0]!, controller: `${e.agentDid}#agent-2-9` };
    expect(await validateDelegation(unknownKey, { delegatingDid: e.userDid, controllerDocument: e.agentDoc })).toEqual({
      valid: false,
      reason: `controller key #agent-2-9 is not in ${e.agentDid}`,
    });
  });

  it('fails for a proof by another key or for another DID', async () => {
    const byOtherKey = {
      ...e.userDoc.delegateAuthentication[0]!,
      proof: await createDelegationProof({ secretKey: e.agent[1]!.secretKey, delegatingDid: e.userDid }),
    };
    const forTwin = { ...e.userDoc.delegateAuthentication[0]!, proof: e.twinDoc.delegateControl[0]!.proof };
    for (const delegation of [byOtherKey, forTwin])
      expect(await validateDelegation(delegation, { delegatingDid: e.userDid, controllerDocument: e.agentDoc })).toEqual({
        valid: false,
        reason: 'delegation #deleg-0 proof does not verify',
      });
    const generic = { ...e.userDoc.delegateAuthentication[0]!, proofType: 'generic' as const };
    expect((await validateDelegation(generic, { delegatingDid: e.userDid, controllerDocument: e.agentDoc })).valid).toBe(false);
  });

  it('fails when revoked, or when the controller document is revoked or invalid', async () => {
    const revoked = { ...e.userDoc.delegateAuthentication[0]!, revoked: true };
    expect(await validateDelegation(revoked, { delegatingDid: e.userDid, controllerDocument: e.agentDoc })).toEqual({
      valid: false,
      reason: 'delegation #deleg-0 is revoked',
    });
    const revokedAgent = await updateDocument(e.agentDoc, { updateTime: 1700000009000, revoked: true });
    expect(
      await validateDelegation(e.userDoc.delegateAuthentication[0]!, { delegatingDid: e.userDid, controllerDocument: revokedAgent }),
    ).toEqual({ valid: false, reason: `controller document ${e.agentDid} is revoked` });
    const broken = clone(e.agentDoc);
    broken.proof = V.invalid_documents[0].document.proof;
    expect(
      await validateDelegation(e.userDoc.delegateAuthentication[0]!, { delegatingDid: e.userDid, controllerDocument: broken }),
    ).toEqual({ valid: false, reason: 'controller document is invalid: proof does not verify' });
  });

  it('signs ASCII(did) for "did" proofs and nothing for "generic" ones', async () => {
    expect(new TextDecoder().decode(delegationMessage(e.userDid, 'did'))).toBe(e.userDid);
    expect(delegationMessage(e.userDid, 'generic')).toHaveLength(0);
    expect((await caught(() => delegationMessage(e.userDid, 'other' as never))).code).toBe('INVALID_PARAMS');
  });
});

describe('managing delegations', () => {
  it('adds a generic control delegation with the next id, and refuses duplicates', async () => {
    const proof = await createDelegationProof({ secretKey: e.agent[2]!.secretKey, delegatingDid: e.twinDid, proofType: 'generic' });
    const doc = await addDelegation(e.twinDoc, {
      controller: `${e.agentDid}#agent-2-0`,
      proof,
      proofType: 'generic',
      updateTime: 1700000002000,
    });
    expect(doc.delegateControl.map((d) => [d.id, d.proofType])).toEqual([
      ['#deleg-0', 'did'],
      ['#deleg-1', 'generic'],
    ]);
    expect(await validateDelegation(doc.delegateControl[1]!, { delegatingDid: e.twinDid, controllerDocument: e.agentDoc })).toEqual({
      valid: true,
    });
    expect(
      await caught(() => addDelegation(doc, { controller: `${e.agentDid}#agent-2-0`, proof, proofType: 'generic', updateTime: 1700000003000 })),
    ).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(
      (await caught(() => addDelegation(e.agentDoc, { controller: `${e.agentDid}#agent-2-0`, proof, proofType: 'did', updateTime: 1700000003000 }))).message,
    ).toBe('an agent does not delegate');
    expect(
      (await caught(() => addDelegation(e.twinDoc, { controller: 'nobody#agent-2-0', proof, proofType: 'did', updateTime: 1700000003000 }))).code,
    ).toBe('INVALID_PARAMS');
  });

  it('revokes a delegation and never reuses its id', async () => {
    const doc = await revokeDelegation(e.userDoc, { id: '#deleg-0', updateTime: 1700000002000 });
    expect(doc.delegateAuthentication[0]!.revoked).toBe(true);
    expect(nextDelegationId(doc)).toBe('#deleg-1');
    expect((await caught(() => revokeDelegation(doc, { id: '#deleg-0', updateTime: 1700000003000 }))).code).toBe('INVALID_PARAMS');
    expect((await caught(() => revokeDelegation(doc, { id: '#deleg-7', updateTime: 1700000003000 }))).code).toBe('NOT_FOUND');
  });

  it('finds delegations that need renewal and refuses incomplete renewals', async () => {
    expect(staleDelegations(e.userDoc, agentAfter)).toEqual([
      { delegation: e.userDoc.delegateAuthentication[0], list: 'delegateAuthentication', replacement: `${e.agentDid}#agent-2-1` },
    ]);
    expect(staleDelegations(V.user_document_after_renewal, agentAfter)).toEqual([]);
    expect(staleDelegations(e.userDoc, e.agentDoc)).toEqual([]);
    const params = { oldController: `${e.agentDid}#agent-2-0`, newController: `${e.agentDid}#agent-2-1`, updateTime: 1700000002000 };
    expect((await caught(() => renewDelegations(e.userDoc, { ...params, proofs: {} }))).message).toBe('a did proof is needed to renew');
    expect((await caught(() => renewDelegations(e.userDoc, { ...params, oldController: `${e.agentDid}#agent-1-0`, proofs: {} }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('renews the twin control delegation after the agent key replacement', async () => {
    const replaced = await replaceKey(e.agentDoc.identityChain, {
      oldKey: e.agent[2]!.idpub,
      newKey: e.agentNextSigning.idpub,
      signerSecretKey: e.agent[0]!.secretKey,
    });
    const agent = await updateDocument(e.agentDoc, { updateTime: 1700000002000, identityChain: replaced.chain });
    const [stale] = staleDelegations(e.twinDoc, agent);
    const twin = await renewDelegations(e.twinDoc, {
      oldController: stale!.delegation.controller,
      newController: stale!.replacement,
      proofs: { did: await createDelegationProof({ secretKey: e.agentNextSigning.secretKey, delegatingDid: e.twinDid }) },
      updateTime: 1700000002000,
    });
    expect(twin.delegateControl.map((d) => [d.id, d.controller, d.revoked])).toEqual([
      ['#deleg-0', `${e.agentDid}#agent-2-0`, true],
      ['#deleg-1', `${e.agentDid}#agent-2-1`, false],
    ]);
    expect(await validateDelegation(twin.delegateControl[1]!, { delegatingDid: e.twinDid, controllerDocument: agent })).toEqual({ valid: true });
  });
});
