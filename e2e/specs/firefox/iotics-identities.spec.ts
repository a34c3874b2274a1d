/**
 * IOTICS identities in the running extension (Firefox ESR): an IOTICS hex seed imported, a User and an
 * Agent with authentication delegation in the IOTICS format, registered with the resolver; the demo
 * dApp gets a token its server verifies with Sigil's core against the resolver; the agent key is
 * rotated (delegation renewed, new tokens verify, the old one is refused); a Twin with control
 * delegation gets its own token.
 */
import { httpResolver, verifyAuthToken, type IoticsDocument } from '../../../src/core';
import { expect, test } from '@playwright/test';
import { startDappServer, type DappServer } from '../../dapp/server';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { requestOutcome, sigilRequest, startRequest } from '../../support/page-requests';
import { approvePending, connectUi, scriptable } from '../../support/ui-messages';
import { VECTOR_ENTROPY_HEX } from '../../support/vectors';

const PASSWORD = 'iotics wallet password';
/** The IOTICS Python library's DIDs for the seed 000102…1f (bip39) and these key names (../shared/vectors/iotics.json). */
const USER_DID = 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ';
const AGENT_DID = 'did:iotics:iotBp3QcdcjZqRZGHMqVH6aBaEeFjbMb3qMt';

let resolver: ResolverServer;
let firefox: FirefoxSession;
let dapp: DappServer;
test.beforeAll(async () => {
  resolver = await startResolver();
  dapp = await startDappServer();
  firefox = await launchFirefox();
});
test.afterAll(async () => {
  await firefox?.close();
  await dapp?.close();
  await resolver?.close();
});

const discovered = async (did: string) => (await httpResolver(resolver.url)(did)) as IoticsDocument;

test('IOTICS user and agent: registered, a token the dApp server verifies, key rotation, a twin token', async () => {
  const ui = await connectUi(scriptable(await firefox.openExtensionPage('popup.html', 'script[type="module"]')));
  await ui.call('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_ENTROPY_HEX, method: 'bip39' }, label: 'IOTICS' });
  await ui.call('ui_setResolverUrl', { url: resolver.url });
  const { user, agent } = await ui.call('ui_createUserAndAgent', {
    user: { label: 'Alice', keyName: 'alice' },
    agent: { label: "Alice's agent", keyName: 'alice-agent' },
    format: 'iotics',
  });
  expect([user.did, agent.did, user.format]).toEqual([USER_DID, AGENT_DID, 'iotics']);
  await expect.poll(async () => (await ui.call('ui_entities', undefined)).entities.map((e) => e.stage)).toEqual(['registered', 'registered']);
  expect((await discovered(user.did)).delegateAuthentication.map((d) => d.controller)).toEqual([`${agent.did}#agent-0`]);

  const page = scriptable(await firefox.openDapp(`${dapp.origin}/?resolver=${encodeURIComponent(resolver.url)}`));
  const connecting = await startRequest(page, 'sigil_connect');
  await approvePending(ui, { entities: [user.did, agent.did] });
  expect((await requestOutcome(page, connecting)).ok).toBe(true);

  /** A token from the dApp page, approved; with what the dApp's server said about it. */
  const dappToken = async (params: { user: string }) => {
    const asked = await startRequest(page, 'sigil_authToken', params);
    const details = await approvePending(ui);
    expect(details).toMatchObject({ method: 'sigil_authToken', format: 'iotics' });
    const outcome = await requestOutcome<{ token: string }>(page, asked);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.result.token;
  };
  const serverVerdict = (token: string) =>
    page.evaluate(
      async ({ token, resolverUrl }) =>
        (await fetch('/verify', { method: 'POST', body: JSON.stringify({ token, audience: location.origin, resolver: resolverUrl }) })).json(),
      { token, resolverUrl: resolver.url },
    );

  const before = await dappToken({ user: user.did });
  expect(await serverVerdict(before)).toMatchObject({ valid: true, format: 'iotics', claims: { iss: `${agent.did}#agent-0`, sub: user.did, aud: dapp.origin } });
  expect((await verifyAuthToken(before, { audience: dapp.origin, resolve: httpResolver(resolver.url) })).format).toBe('iotics');

  // Rotating the agent key: the delegation the wallet holds is renewed, and both documents registered.
  const plan = await ui.call('ui_planIoticsRotation', { did: agent.did, keyId: '#agent-0' });
  expect(plan).toMatchObject({ newKeyId: '#agent-1', renews: [user.did], requiresPassword: true });
  const rotated = await ui.call('ui_rotateIoticsKey', { did: agent.did, keyId: '#agent-0', password: PASSWORD });
  expect(rotated).toMatchObject({ newKeyId: '#agent-1', renewed: [user.did] });
  await expect.poll(async () => (await ui.call('ui_entities', undefined)).entities.every((e) => e.stage === 'registered')).toBe(true);
  expect((await discovered(agent.did)).publicKey.map((k) => k.id)).toEqual(['#agent-1']);
  expect((await discovered(user.did)).delegateAuthentication.map((d) => d.controller)).toEqual([`${agent.did}#agent-1`]);

  expect(await serverVerdict(before)).toMatchObject({ valid: false, code: 'KEY_NOT_FOUND' });
  await expect(verifyAuthToken(before, { audience: dapp.origin, resolve: httpResolver(resolver.url) })).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
  const after = await dappToken({ user: user.did });
  expect(await serverVerdict(after)).toMatchObject({ valid: true, claims: { iss: `${agent.did}#agent-1`, sub: user.did } });

  // A Twin with control delegation to the agent, made for the site, gets its own token.
  const creating = await startRequest(page, 'sigil_createIdentity', { kind: 'twin', format: 'iotics', label: 'Thermostat', delegateTo: agent.did });
  expect(await approvePending(ui)).toMatchObject({ method: 'sigil_createIdentity', format: 'iotics', kind: 'twin' });
  const created = await requestOutcome<{ did: string; chain_id: null; entry_hash: null }>(page, creating);
  expect(created.ok && created.result).toMatchObject({ chain_id: null, entry_hash: null });
  const twinDid = created.ok ? created.result.did : '';
  await expect.poll(async () => (await ui.call('ui_entity', { did: twinDid })).stage).toBe('registered');
  expect((await discovered(twinDid)).delegateControl.map((d) => d.controller)).toEqual([`${agent.did}#agent-1`]);
  const twinToken = await dappToken({ user: twinDid });
  expect(await serverVerdict(twinToken)).toMatchObject({ valid: true, format: 'iotics', claims: { iss: `${twinDid}#twin-0`, sub: twinDid } });

  // The Factom reads answer that an IOTICS identity has no identity chain.
  expect(await sigilRequest(page, 'sigil_identity', { did: user.did })).toEqual({
    ok: false,
    code: -32602,
    message: `${user.did} is an IOTICS identity: it has no identity chain.`,
  });
});
