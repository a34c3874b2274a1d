/**
 * The page API (DESIGN §3) on IOTICS-format identities, through a page Port into the whole
 * background: tokens and proofs in the IOTICS format verified by the core, the Factom reads refused.
 */
import { describe, expect, it } from 'vitest';
import { validateIoticsDelegation, verifyAnyDocumentToken, verifyAuthToken, type IoticsDocument } from '../../src/core';
import { connectSite, SITE, walletWithUserAndAgent } from './helpers';
import { approveNext, ioticsEntities, ioticsWallet, openPagePort, walletResolver } from './iotics-helpers';

describe('page API on IOTICS identities', () => {
  it('issues an IOTICS auth token of the agent for the user, approved with its format shown', async () => {
    const { bg, user, agent } = await ioticsWallet();
    await connectSite(bg, [user.did, agent.did]);
    const page = openPagePort(bg);
    const answer = page.request('sigil_authToken', { user: user.did, durationSeconds: 600 });
    const details = await approveNext(bg);
    expect(details).toMatchObject({ method: 'sigil_authToken', format: 'iotics', claims: { iss: `${agent.did}#agent-0`, sub: user.did, aud: SITE } });
    const { result } = await answer;
    const { token } = result as { token: string; expiresAt: number };
    expect(JSON.parse(atob(token.split('.')[0]!))).toEqual({ alg: 'ES256', typ: 'JWT' });
    const verified = await verifyAuthToken(token, { audience: SITE, resolve: await walletResolver(bg, [user.did, agent.did]) });
    expect(verified).toMatchObject({ format: 'iotics', claims: { iss: `${agent.did}#agent-0`, sub: user.did, aud: SITE } });
    expect(verified.claims.exp - verified.claims.iat).toBe(630);
  });

  it("issues a twin's own token, with sub its own DID", async () => {
    const { bg, twin } = await ioticsWallet();
    await connectSite(bg, [twin.did]);
    const page = openPagePort(bg);
    const answer = page.request('sigil_authToken', { user: twin.did });
    expect(await approveNext(bg)).toMatchObject({ format: 'iotics', claims: { iss: `${twin.did}#twin-0`, sub: twin.did } });
    const { token } = (await answer).result as { token: string };
    const verified = await verifyAuthToken(token, { audience: SITE, resolve: await walletResolver(bg, [twin.did]) });
    expect(verified).toMatchObject({ format: 'iotics', claims: { iss: `${twin.did}#twin-0`, sub: twin.did }, delegation: null });
  });

  it('makes an IOTICS (DER) delegation proof and serves the IOTICS document with its token', async () => {
    const { bg, user, agent } = await ioticsWallet();
    await connectSite(bg, [user.did, agent.did]);
    const page = openPagePort(bg);
    const answer = page.request('sigil_delegationProof', { agent: agent.did, delegator: user.did, proofType: 'generic' });
    expect(await approveNext(bg)).toMatchObject({ method: 'sigil_delegationProof', format: 'iotics' });
    const proof = (await answer).result as { controller: string; proof: string; proofType: 'generic' };
    expect(proof.controller).toBe(`${agent.did}#agent-0`);

    const doc = (await page.request('sigil_document', { did: agent.did })).result as { document: IoticsDocument; token: string };
    const verified = await verifyAnyDocumentToken(doc.token, { did: agent.did });
    expect(verified).toMatchObject({ format: 'iotics', document: doc.document });
    const delegation = { id: '#page', controller: proof.controller, proof: proof.proof, proofType: proof.proofType, revoked: false };
    expect(validateIoticsDelegation(delegation, user.did, doc.document)).toEqual({ valid: true });
    expect(validateIoticsDelegation(delegation, agent.did, doc.document).valid).toBe(true);
    expect(validateIoticsDelegation({ ...delegation, proofType: 'did' }, user.did, doc.document).valid).toBe(false);
  });

  it('answers the Factom reads about an IOTICS identity with -32602: it has no identity chain', async () => {
    const { bg, user } = await ioticsWallet();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const message = `${user.did} is an IOTICS identity: it has no identity chain.`;
    expect((await page.request('sigil_identity', { did: user.did })).error).toEqual({ code: -32602, message });
    expect((await page.request('sigil_identityKeys', { did: user.did })).error).toEqual({ code: -32602, message });
    expect((await page.request('sigil_identityKey', { did: user.did, key: 'idpub' })).error).toEqual({ code: -32602, message });
  });

  it('creates an IOTICS twin for a site, delegating control to its agent, with null chain_id and entry_hash', async () => {
    const { bg, agent } = await ioticsWallet();
    await connectSite(bg, [agent.did]);
    const page = openPagePort(bg);
    const answer = page.request('sigil_createIdentity', { kind: 'twin', format: 'iotics', delegateTo: agent.did });
    expect(await approveNext(bg)).toMatchObject({ method: 'sigil_createIdentity', format: 'iotics', kind: 'twin' });
    const result = (await answer).result as { did: string; chain_id: null; entry_hash: null; stage: string };
    expect(result).toMatchObject({ chain_id: null, entry_hash: null, stage: 'local' });
    const { token } = (await page.request('sigil_document', { did: result.did })).result as { token: string };
    const twinDoc = (await verifyAnyDocumentToken(token, { did: result.did })).document as IoticsDocument;
    expect(twinDoc.delegateControl.map((d) => d.controller)).toEqual([`${agent.did}#agent-0`]);
    // Its own token verifies too.
    const own = page.request('sigil_authToken', { user: result.did });
    await approveNext(bg);
    const ownToken = ((await own).result as { token: string }).token;
    expect((await verifyAuthToken(ownToken, { audience: SITE, resolve: await walletResolver(bg, [result.did]) })).claims.sub).toBe(result.did);
  });

  it('refuses a user and an agent of different formats, and chain names for an iotics identity, before any window opens', async () => {
    const { bg, user: sigilUser, agent: sigilAgent } = await walletWithUserAndAgent();
    const iotics = await ioticsEntities(bg);
    await connectSite(bg, [sigilUser.did, sigilAgent.did, iotics.user.did, iotics.agent.did]);
    const page = openPagePort(bg);
    expect((await page.request('sigil_authToken', { user: iotics.user.did, agent: sigilAgent.did })).error).toMatchObject({
      code: -32602,
      // The Sigil agent is not a delegate of the IOTICS user: the one answer a named agent gets.
      message: `params.agent must be an Agent in Sigil that ${iotics.user.did} delegates authentication to.`,
    });
    expect((await page.request('sigil_createIdentity', { kind: 'twin', format: 'iotics', delegateTo: sigilAgent.did })).error).toMatchObject({
      code: -32602,
      message: 'delegateTo is a Sigil Agent; an identity and its Agent must be of the same format.',
    });
    expect((await page.request('sigil_createIdentity', { kind: 'user', format: 'iotics', names: ['a'] })).error).toMatchObject({
      code: -32602,
      message: 'names are part of a Sigil identity chain; an iotics identity has none.',
    });
    expect((await page.request('sigil_createIdentity', { kind: 'user', format: 'other' })).error).toMatchObject({
      code: -32602,
      message: 'params.format must be one of sigil, iotics.',
    });
    expect(bg.platform.windows.created).toBe(0);
  });
});
