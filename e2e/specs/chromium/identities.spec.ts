/**
 * Identities in the running extension (Chromium), driven through the popup's UI messages: the
 * reference vectors reproduced end to end, keys by priority with their history, key replacement
 * with the signer rule, delegation renewal, and registration with the development resolver.
 */
import { verifyDocumentToken, type DidDocument } from '../../../src/core';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { expect, test } from '../../support/chromium';
import { setUpVectorWallet, VECTOR_PASSWORD } from '../../support/identity-wallet';
import type { UiClient } from '../../support/ui-messages';
import { documentVectors, vectorKey } from '../../support/vectors';

let resolver: ResolverServer;
test.beforeAll(async () => {
  resolver = await startResolver();
});
test.afterAll(async () => {
  await resolver.close();
});

test('User, Agent and Twin from the vector seed get the vector DIDs, keys and valid delegations', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  const { ui, user, agent, twin } = await setUpVectorWallet(page);
  expect(user.did).toBe(documentVectors.user);
  expect(agent.did).toBe(documentVectors.agent);
  expect(twin.did).toBe(documentVectors.twin);
  expect(user.stage).toBe('local');

  const view = await ui.call('ui_entity', { did: user.did });
  expect(view.keys.map((k) => [k.id, k.idpub, k.priority, k.active, k.activatedHeight, k.retiredHeight])).toEqual(
    [0, 1, 2].map((p) => [`#user-${p}-0`, vectorKey('alice', p).idpub, p, true, 0, null]),
  );
  expect(view.chainId).toBe('7013b122eeeb30aa3de89623c127a358e5f3c4fe6842fb2c3ee8bfb47a805f6d');
  expect(view.history).toEqual([
    { height: 0, entryHash: '287ffb1b9541f0566a8b74c20b51dd1329d0bfa6f1adb781078eb211fce04b2f', kind: 'created', stage: 'local' },
  ]);
  expect(view.delegations).toEqual([
    expect.objectContaining({ direction: 'given', type: 'authentication', id: '#deleg-0', otherDid: agent.did, otherLabel: "Alice's agent", controller: `${agent.did}#agent-2-0`, revoked: false, status: 'valid' }),
  ]);
  const agentView = await ui.call('ui_entity', { did: agent.did });
  expect(agentView.delegations.map((d) => [d.direction, d.type, d.otherDid, d.status])).toEqual([
    ['received', 'authentication', user.did, 'valid'],
    ['received', 'control', twin.did, 'valid'],
  ]);

  // The same seed, kind and key name again is refused in plain words, and nothing is added.
  const again = await ui.attempt('ui_createEntity', { kind: 'user', label: 'Alice again', keyName: 'alice' });
  expect(again).toEqual({ ok: false, error: { code: -32602, message: `This seed already has a user with that key name (${user.did}).` } });
  const badName = await ui.attempt('ui_createEntity', { kind: 'user', label: 'Slash', keyName: 'a/b' });
  expect(badName.ok).toBe(false);
  const tooBig = await ui.attempt('ui_createEntity', { kind: 'twin', label: 'Big', keyName: 'big', names: Array.from({ length: 11 }, () => 'n'.repeat(1000)) });
  expect(tooBig).toEqual({ ok: false, error: { code: -32602, message: expect.stringMatching(/^calculated bytes of names and keys is 11\d+\. It must be less than 10240/) } });
  expect((await ui.call('ui_entities', undefined)).entities).toHaveLength(3);
});

test("replacing the agent's signing key follows the rules, keeps history and renews delegations byte for byte", async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  const { ui, user, agent, twin } = await setUpVectorWallet(page);
  const oldKey = vectorKey('alice-agent', 2).idpub;

  const plan = await ui.call('ui_planReplacement', { did: agent.did, oldKey });
  expect(plan.signer).toMatchObject({ id: '#agent-1-0', priority: 1 });
  expect(plan.requiresPassword).toBe(false);
  expect(plan.reason).toContain('higher priority');

  const result = await ui.call('ui_replaceKey', { did: agent.did, oldKey });
  expect(result.renewed.sort()).toEqual([user.did, twin.did].sort());
  // The vector's replacement: a priority-1 signature over the derived generation-1 key.
  const replacementEntry = documentVectors.agent_document_after_replacing_key_2.identityChain.entries[1];
  const agentView = await ui.call('ui_entity', { did: agent.did });
  expect(agentView.keys.map((k) => [k.id, k.priority, k.active, k.activatedHeight, k.retiredHeight])).toEqual([
    ['#agent-0-0', 0, true, 0, null],
    ['#agent-1-0', 1, true, 0, null],
    ['#agent-2-1', 2, true, 1, null],
    ['#agent-2-0', 2, false, 0, 1],
  ]);
  expect(agentView.keys.find((k) => k.id === '#agent-2-1')!.idpub).toBe(vectorKey('alice-agent', 2, 1).idpub);
  expect(agentView.history[1]).toMatchObject({ height: 1, kind: 'replaced', oldKeyId: '#agent-2-0', newKeyId: '#agent-2-1', signerKeyId: '#agent-1-0', entryHash: result.entry_hash });

  const { document } = await documentOf(ui, agent.did);
  expect(document.identityChain.entries[1]).toEqual(replacementEntry);
  expect(document.publicKey).toEqual(documentVectors.agent_document_after_replacing_key_2.publicKey);

  const userView = await ui.call('ui_entity', { did: user.did });
  expect(userView.delegations.map((d) => [d.id, d.controller, d.revoked, d.status])).toEqual([
    ['#deleg-0', `${agent.did}#agent-2-0`, true, 'invalid'],
    ['#deleg-1', `${agent.did}#agent-2-1`, false, 'valid'],
  ]);
  const userDocument = (await documentOf(ui, user.did)).document;
  expect(userDocument.delegateAuthentication).toEqual(documentVectors.user_document_after_renewal.delegateAuthentication);
  const twinView = await ui.call('ui_entity', { did: twin.did });
  expect(twinView.delegations.filter((d) => !d.revoked).map((d) => [d.type, d.status])).toEqual([['control', 'valid']]);

  // The retired key can never come back, and a lower-priority key cannot sign for a higher one.
  const reuse = await ui.attempt('ui_replaceKey', { did: agent.did, oldKey: vectorKey('alice-agent', 1).idpub, newPublicKey: oldKey });
  expect(reuse).toEqual({ ok: false, error: { code: -32602, message: 'newPublicKey was already used in this identity; keys are never reused.' } });
});

test('a priority-0 signer needs the password again; a wrong one changes nothing', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  const { ui, user } = await setUpVectorWallet(page);
  const oldKey = vectorKey('alice', 1).idpub;
  const plan = await ui.call('ui_planReplacement', { did: user.did, oldKey });
  expect(plan.signer).toMatchObject({ id: '#user-0-0', priority: 0 });
  expect(plan.requiresPassword).toBe(true);

  expect(await ui.attempt('ui_replaceKey', { did: user.did, oldKey })).toEqual({
    ok: false,
    error: { code: -32602, message: 'A priority-0 key signs this replacement: enter your password.' },
  });
  const wrong = await ui.attempt('ui_replaceKey', { did: user.did, oldKey, password: 'not the password' });
  expect(wrong.ok).toBe(false);
  expect((await ui.call('ui_entity', { did: user.did })).history).toHaveLength(1);

  await ui.call('ui_replaceKey', { did: user.did, oldKey, password: VECTOR_PASSWORD });
  const view = await ui.call('ui_entity', { did: user.did });
  expect(view.history.map((h) => [h.kind, h.oldKeyId, h.newKeyId, h.signerKeyId])).toEqual([
    ['created', undefined, undefined, undefined],
    ['replaced', '#user-1-0', '#user-1-1', '#user-0-0'],
  ]);
});

test('a pasted idpub takes the slot; the wallet registers documents with the resolver', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  const { ui, twin } = await setUpVectorWallet(page, { resolverUrl: resolver.url });
  await expect.poll(async () => (await ui.call('ui_entities', undefined)).entities.map((e) => e.stage)).toEqual(['registered', 'registered', 'registered']);

  const pasted = 'idpub2Z7mJWCyUDensnQ5UcTxXUrQH9BsGDHjQbmNU5f3Rp3XpW7bYR';
  const result = await ui.call('ui_replaceKey', { did: twin.did, oldKey: vectorKey('thermostat-1', 2).idpub, newPublicKey: pasted });
  expect(result.stage).toBe('local');
  await expect.poll(async () => (await ui.call('ui_entity', { did: twin.did })).stage).toBe('registered');
  const view = await ui.call('ui_entity', { did: twin.did });
  expect(view.keys.find((k) => k.priority === 2 && k.active)).toMatchObject({ id: '#twin-2-1', idpub: pasted });
  expect(view.history.map((h) => h.stage)).toEqual(['registered', 'registered']);

  const { token } = (await fetch(`${resolver.url}/1.0/discover/${twin.did}`).then((r) => r.json())) as { token: string };
  const registered = await verifyDocumentToken(token, { did: twin.did });
  expect(registered.document.publicKey.map((k) => k.idpub)).toContain(pasted);
});

async function documentOf(ui: UiClient, did: string): Promise<{ document: DidDocument }> {
  const { token } = await ui.call('ui_document', { did });
  return { document: (await verifyDocumentToken(token, { did })).document };
}
