/**
 * Rotating an IOTICS owner key (DESIGN §2.8) against Sigil's real resolver: the new key is added and
 * the old one removed, the delegations naming it are renewed, new tokens verify and old ones are
 * refused by Sigil's verifier, resolving through the resolver over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { httpResolver, verifyAuthToken, type IoticsDocument } from '../../src/core';
import type { IoticsEntityView } from '../../src/shared/ui-api';
import { startResolver, type ResolverServer } from '../../src/resolver/server';
import { connectSite, newPlatform, PASSWORD, rejectionOf, SITE, until, type TestBackground } from './helpers';
import { approveNext, IOTICS_DIDS, ioticsWallet, openPagePort } from './iotics-helpers';

const running: ResolverServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((resolver) => resolver.close()));
});

/** An IOTICS wallet whose background talks to a real resolver, with every entity registered. */
async function registeredWallet() {
  const resolver = await startResolver({ registerCors: false });
  running.push(resolver);
  const platform = await newPlatform();
  platform.fetch = (url, init) => fetch(url, init);
  const wallet = await ioticsWallet(platform);
  await wallet.bg.ui('ui_setResolverUrl', { url: resolver.url });
  await until(async () => (await wallet.bg.ui('ui_entities', undefined)).entities.every((e) => e.stage === 'registered'));
  return { ...wallet, resolver };
}

async function pageToken(bg: TestBackground, user: string): Promise<string> {
  const page = openPagePort(bg);
  const answer = page.request('sigil_authToken', { user });
  // The answer comes first when the request fails before asking.
  const early = await Promise.race([answer, approveNext(bg).then(() => null)]);
  const { result, error } = early ?? (await answer);
  if (error) throw new Error(error.message);
  return (result as { token: string }).token;
}

const resolvedDocument = async (resolver: ResolverServer, did: string) => (await httpResolver(resolver.url)(did)) as IoticsDocument;

describe('IOTICS key rotation', () => {
  it('rotates the agent key: the resolver holds the new key only, the delegation is renewed, the old token is refused', async () => {
    const { bg, user, agent, twin, resolver } = await registeredWallet();
    await connectSite(bg, [user.did, agent.did]);
    const before = await pageToken(bg, user.did);
    const resolve = httpResolver(resolver.url);
    expect((await verifyAuthToken(before, { audience: SITE, resolve })).claims.iss).toBe(`${agent.did}#agent-0`);

    const plan = await bg.ui('ui_planIoticsRotation', { did: agent.did, keyId: '#agent-0' });
    expect(plan).toMatchObject({ did: agent.did, oldKey: { id: '#agent-0' }, newKeyId: '#agent-1', signer: { id: '#agent-0' }, requiresPassword: true });
    expect([...plan.renews].sort()).toEqual([user.did, twin.did].sort());
    expect(await rejectionOf(bg.ui('ui_rotateIoticsKey', { did: agent.did, keyId: '#agent-0' }))).toMatchObject({ code: -32602 });
    expect(await rejectionOf(bg.ui('ui_rotateIoticsKey', { did: agent.did, keyId: '#agent-0', password: 'wrong password' }))).toMatchObject({ code: 4100 });

    const rotated = await bg.ui('ui_rotateIoticsKey', { did: agent.did, keyId: '#agent-0', password: PASSWORD });
    expect(rotated.newKeyId).toBe('#agent-1');
    expect([...rotated.renewed].sort()).toEqual([user.did, twin.did].sort());
    await until(async () => (await bg.ui('ui_entities', undefined)).entities.every((e) => e.stage === 'registered'));

    const agentDoc = await resolvedDocument(resolver, agent.did);
    expect(agentDoc.publicKey.map((k) => k.id)).toEqual(['#agent-1']);
    expect((await resolvedDocument(resolver, user.did)).delegateAuthentication.map((d) => d.controller)).toEqual([`${agent.did}#agent-1`]);
    expect((await resolvedDocument(resolver, twin.did)).delegateControl.map((d) => d.controller)).toEqual([`${agent.did}#agent-1`]);

    const view = (await bg.ui('ui_entity', { did: agent.did })) as IoticsEntityView;
    expect(view.publicKey.map((k) => k.id)).toEqual(['#agent-1']);
    expect(view.removedKeys).toEqual([
      { id: '#agent-0', publicKeyBase58: expect.any(String), removedAt: agentDoc.updateTime, replacedBy: '#agent-1' },
    ]);
    expect(view.delegations.every((d) => d.status === 'valid')).toBe(true);

    expect(await rejectionOf(verifyAuthToken(before, { audience: SITE, resolve: httpResolver(resolver.url) }))).toMatchObject({ code: 'KEY_NOT_FOUND' });
    const after = await pageToken(bg, user.did);
    expect((await verifyAuthToken(after, { audience: SITE, resolve: httpResolver(resolver.url) })).claims.iss).toBe(`${agent.did}#agent-1`);
  });

  it('rotates a user key through sigil_replaceKey, reviewed with the password, and keeps every key recoverable from the seed', async () => {
    const { bg, user, agent, resolver } = await registeredWallet();
    await connectSite(bg, [user.did, agent.did]);
    const page = openPagePort(bg);
    const answer = page.request('sigil_replaceKey', { did: user.did, oldPublicKey: IOTICS_DIDS.userPublicKey });
    const details = await approveNext(bg, { password: PASSWORD });
    expect(details).toMatchObject({
      method: 'sigil_replaceKey',
      format: 'iotics',
      oldKey: { id: '#user-0', publicKeyBase58: IOTICS_DIDS.userPublicKey },
      newKeyId: '#user-1',
      renews: [],
      requiresPassword: true,
    });
    expect((await answer).result).toEqual({ entry_hash: null, stage: 'local' });
    await until(async () => (await bg.ui('ui_entities', undefined)).entities.every((e) => e.stage === 'registered'));
    const userDoc = await resolvedDocument(resolver, user.did);
    expect(userDoc.publicKey.map((k) => k.id)).toEqual(['#user-1']);
    // Tokens for the user still verify: its delegation to the agent stays, signed into the new version.
    const token = await pageToken(bg, user.did);
    expect((await verifyAuthToken(token, { audience: SITE, resolve: httpResolver(resolver.url) })).claims.sub).toBe(user.did);

    // A second rotation never goes back to a key the identity had.
    await bg.ui('ui_rotateIoticsKey', { did: user.did, keyId: '#user-1', password: PASSWORD });
    await until(async () => (await bg.ui('ui_entities', undefined)).entities.every((e) => e.stage === 'registered'));
    expect((await resolvedDocument(resolver, user.did)).publicKey.map((k) => k.id)).toEqual(['#user-2']);
    expect(((await bg.ui('ui_entity', { did: user.did })) as IoticsEntityView).removedKeys.map((k) => k.id)).toEqual(['#user-0', '#user-1']);
  });

  it('refuses newPublicKey for an IOTICS identity and rotation of an identity the resolver does not hold', async () => {
    const { bg, user } = await ioticsWallet();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const otherKey = 'PZy3cL67wCPfbLiFRiKc5DvtASUJJjBGo19NxWafBPgGaiE2nGdFJfJhaee2TEP7wNpxvrS6igY1Xr6wscNqxhyq';
    expect((await page.request('sigil_replaceKey', { did: user.did, oldPublicKey: IOTICS_DIDS.userPublicKey, newPublicKey: otherKey })).error).toMatchObject({
      code: -32602,
      message: expect.stringContaining('newPublicKey'),
    });
    expect((await page.request('sigil_replaceKey', { did: user.did, oldPublicKey: otherKey })).error).toMatchObject({
      code: -32602,
      message: 'oldPublicKey is not an owner key of this identity.',
    });
    expect(await rejectionOf(bg.ui('ui_planIoticsRotation', { did: user.did, keyId: '#user-0' }))).toMatchObject({
      code: -32602,
      message: expect.stringContaining('Set a resolver first'),
    });
    expect(bg.platform.windows.created).toBe(0);
  });
});
