/**
 * Identities in Firefox ESR: the vector wallet, a key replacement with delegation renewal (byte
 * for byte against the vectors), and registration with the development resolver.
 */
import { expect, test } from '@playwright/test';
import { verifyDocumentToken } from '../../../src/core';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { startDappServer, type DappServer } from '../../dapp/server';
import { approvalWindow, clickButton, noApprovalWindow, setCheckbox } from '../../support/approval-window-firefox';
import { setUpVectorWallet } from '../../support/identity-wallet';
import { requestOutcome, sigilRequest, startRequest } from '../../support/page-requests';
import { connectUi, scriptable } from '../../support/ui-messages';
import { documentVectors, vectorKey } from '../../support/vectors';

test.describe.configure({ mode: 'serial' });

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

test('vector identities, an agent key replacement with renewed delegations, and registration', async () => {
  const page = scriptable(await firefox.openExtensionPage('popup.html', 'script[type="module"]'));
  const { ui, user, agent, twin } = await setUpVectorWallet(page, { resolverUrl: resolver.url });
  expect([user.did, agent.did, twin.did]).toEqual([documentVectors.user, documentVectors.agent, documentVectors.twin]);
  await expect.poll(async () => (await ui.call('ui_entities', undefined)).entities.map((e) => e.stage)).toEqual(['registered', 'registered', 'registered']);

  const result = await ui.call('ui_replaceKey', { did: agent.did, oldKey: vectorKey('alice-agent', 2).idpub });
  expect(result.renewed.sort()).toEqual([user.did, twin.did].sort());
  const { token } = await ui.call('ui_document', { did: user.did });
  const { document } = await verifyDocumentToken(token, { did: user.did });
  expect(document.delegateAuthentication).toEqual(documentVectors.user_document_after_renewal.delegateAuthentication);
  const agentDocument = (await verifyDocumentToken((await ui.call('ui_document', { did: agent.did })).token)).document;
  expect(agentDocument.publicKey).toEqual(documentVectors.agent_document_after_replacing_key_2.publicKey);

  await expect.poll(async () => {
    const discovered = (await fetch(`${resolver.url}/1.0/discover/${user.did}`).then((r) => r.json())) as { token: string };
    return (await verifyDocumentToken(discovered.token)).document.delegateAuthentication.length;
  }).toBe(2);
});

test('a connected site reads identities in the Factom shapes', async () => {
  const ui = await connectUi(scriptable(await firefox.openExtensionPage('popup.html', 'script[type="module"]')));
  const { entities } = await ui.call('ui_entities', undefined);
  const user = entities.find((e) => e.kind === 'user')!;
  const tab = await firefox.openDapp(dapp.origin);
  const site = scriptable(tab);
  const pending = await startRequest(site, 'sigil_connect');
  const approval = await approvalWindow(firefox.browser);
  await setCheckbox(approval, 'Alice', true);
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(site, pending)).toMatchObject({ ok: true });
  await noApprovalWindow(firefox.browser);

  const view = await ui.call('ui_entity', { did: user.did });
  const identity = await sigilRequest<{ data: { chain_id: string; names: string[]; active_keys: { key: string }[] } }>(site, 'sigil_identity', { did: user.did });
  expect(identity.ok && identity.result.data).toMatchObject({ chain_id: view.chainId, names: [user.did], pending_key: null, created_height: 0 });
  expect(identity.ok && identity.result.data.active_keys.map((k) => k.key)).toEqual(view.keys.filter((k) => k.active).map((k) => k.idpub));
  expect(await sigilRequest(site, 'sigil_identityKeys', { did: user.did, limit: 'ten' })).toEqual({ ok: false, code: -32602, message: 'limit must be an integer.' });
  const doc = await sigilRequest<{ token: string }>(site, 'sigil_document', { did: user.did });
  expect(doc.ok && (await verifyDocumentToken(doc.result.token, { did: user.did })).document.id).toBe(user.did);
});
