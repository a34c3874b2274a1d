/**
 * Issue 13 in Chromium: the Factom identity API as the Factom SDK's users know it — reads by
 * identityChainId with the SDK's messages.
 */
import type { Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64Decode, utf8Decode, verifyDocumentToken } from '../../../src/core';
import { startResolver } from '../../resolver/server';
import { approvalWindow, openApprovalWindows } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { connectedSite } from '../../support/connected-site-chromium';
import { requestOutcome, sigilRequest, startRequest } from '../../support/page-requests';
import { TEST_PASSWORD } from '../../support/test-wallet';
import type { UiClient } from '../../support/ui-messages';
import { stopWorkerOnce } from '../../support/worker-stop-chromium';

interface StageEvent {
  did: string;
  chain_id: string | null;
  entry_hash: string | null;
  stage: string;
}

/** Keeps every identityStage event the page hears, in order. */
async function listenForStages(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { stages: unknown[]; sigil: { on(event: string, fn: (data: unknown) => void): void } };
    w.stages = [];
    w.sigil.on('identityStage', (data) => w.stages.push(data));
  });
}
const heardStages = (page: Page) => page.evaluate(() => (window as unknown as { stages: StageEvent[] }).stages);

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return `http://127.0.0.1:${port}`;
}

/** Active keys of `did` by priority. */
async function activeKeys(ui: UiClient, did: string): Promise<string[]> {
  return (await ui.call('ui_entity', { did })).keys.filter((k) => k.active).sort((a, b) => a.priority - b.priority).map((k) => k.idpub);
}

/** The idpub that signed the newest ReplaceKey entry of `did` (its ExtID 4). */
async function lastSigner(ui: UiClient, did: string): Promise<string> {
  const { document } = await verifyDocumentToken((await ui.call('ui_document', { did })).token, { did });
  const entries = document.identityChain.entries;
  return utf8Decode(base64Decode(entries[entries.length - 1]!.extIds[4]!));
}

test('identity, keys and key by identityChainId, as by DID; the SDK messages; an unshared chain id reveals nothing', async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const { ui, user } = site;
  const view = await ui.call('ui_entity', { did: user.did });
  const identityChainId = view.chainId;

  const byChain = await sigilRequest<{ data: { chain_id: string } }>(site.page, 'sigil_identity', { identityChainId });
  expect(byChain.ok && byChain.result.data.chain_id).toBe(identityChainId);
  expect(byChain).toEqual(await sigilRequest(site.page, 'sigil_identity', { did: user.did }));
  expect(await sigilRequest(site.page, 'sigil_identityKeys', { identityChainId, limit: 2 })).toEqual(
    await sigilRequest(site.page, 'sigil_identityKeys', { did: user.did, limit: 2 }),
  );
  const key = view.keys[2]!.idpub;
  const one = await sigilRequest<{ data: { key: string; priority: number } }>(site.page, 'sigil_identityKey', { identityChainId, key });
  expect(one.ok && one.result.data).toMatchObject({ key, priority: 2 });

  expect(await sigilRequest(site.page, 'sigil_identity', {})).toEqual({ ok: false, code: -32602, message: 'identityChainId is required.' });
  expect(await sigilRequest(site.page, 'sigil_identityKeys', { identityChainId: 'not-a-chain' })).toEqual({
    ok: false,
    code: -32602,
    message: 'identityChainId is invalid.',
  });
  expect(await sigilRequest(site.page, 'sigil_identityKey', { did: user.did, identityChainId, key })).toEqual({
    ok: false,
    code: -32602,
    message: 'Give either did or identityChainId, not both.',
  });

  const hidden = await ui.call('ui_createEntity', { kind: 'user', label: 'Not shared', keyName: 'hidden' });
  const hiddenChain = (await ui.call('ui_entity', { did: hidden.did })).chainId;
  const unshared = await sigilRequest(site.page, 'sigil_identity', { identityChainId: hiddenChain });
  expect(unshared).toMatchObject({ ok: false, code: 4100 });
  expect(await sigilRequest(site.page, 'sigil_identity', { identityChainId: 'ab'.repeat(32) })).toEqual(unshared);
});

test('replaceKey with the signer the site chose; the person switches to the master key, which needs the password; the card says what happens', async ({
  context,
  openExtensionPage,
  dapp,
}) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const { ui, agent } = site;
  const [p0, p1, p2] = await activeKeys(ui, agent.did);

  // A signer below the replaced key, or not a key of the identity: refused at once, no window.
  expect(await sigilRequest(site.page, 'sigil_replaceKey', { did: agent.did, oldPublicKey: p1, signerPublicKey: p2 })).toEqual({
    ok: false,
    code: -32602,
    message: 'signerPublicKey (priority 2) may not replace oldPublicKey (priority 1): the signing key must be of the same or a higher priority.',
  });
  expect(await sigilRequest(site.page, 'sigil_replaceKey', { did: agent.did, oldPublicKey: p2, signerPublicKey: (await activeKeys(ui, site.user.did))[0] })).toEqual({
    ok: false,
    code: -32602,
    message: 'signerPublicKey is not an active key of this identity.',
  });
  expect(openApprovalWindows(context)).toHaveLength(0);

  const pending = await startRequest(site.page, 'sigil_replaceKey', { did: agent.did, oldPublicKey: p2, signerPublicKey: p2 });
  const approval = await approvalWindow(context);
  const signers = approval.getByTestId('signer-choice');
  await expect(signers.getByRole('radio')).toHaveCount(3);
  await expect(signers.getByRole('radio', { name: /#agent-2-0/ })).toBeChecked();
  const consequences = approval.getByTestId('replacement-consequences');
  await expect(consequences).toContainText('Tokens already issued with #agent-2-0 stop working');
  await expect(consequences).toContainText('The delegations that name #agent-2-0 will be renewed with the new key: Alice, Pump 7.');
  await expect(approval.getByLabel('Password', { exact: true })).toHaveCount(0);

  await signers.getByRole('radio', { name: /priority 0, the master key/ }).check();
  await expect(approval.getByText('this one is signed by #agent-0-0, the key at priority 0, the master key.')).toBeVisible();
  await approval.getByRole('button', { name: 'Replace key' }).click();
  await expect(approval.getByText('Type your password to approve this key replacement.')).toBeVisible();
  await approval.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await approval.getByRole('button', { name: 'Replace key' }).click();
  expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: true, result: { stage: 'local' } });
  expect(await lastSigner(ui, agent.did)).toBe(p0);
  expect((await activeKeys(ui, agent.did))[2]).not.toBe(p2);
});

test("the page API refuses in the Factom SDK's own words: the size rule, an invalid key, bad public keys", async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const { ui, user } = site;
  const names = Array.from({ length: 11 }, (_, i) => String.fromCharCode(97 + i).repeat(1000));
  expect(await sigilRequest(site.page, 'sigil_createIdentity', { kind: 'twin', names })).toEqual({
    ok: false,
    code: -32602,
    message: expect.stringMatching(/^calculated bytes of names and keys is 11\d\d\d\. It must be less than 10240, use less\/shorter names or less keys\.$/),
  });
  const [p0] = await activeKeys(ui, user.did);
  const identityChainId = (await ui.call('ui_entity', { did: user.did })).chainId!;
  const notAKey = `${p0!.slice(0, -1)}${p0!.endsWith('a') ? 'b' : 'a'}`;
  expect(await sigilRequest(site.page, 'sigil_identityKey', { identityChainId, key: notAKey })).toEqual({ ok: false, code: -32602, message: 'key is invalid.' });
  expect(await sigilRequest(site.page, 'sigil_replaceKey', { did: user.did, oldPublicKey: notAKey })).toEqual({
    ok: false,
    code: -32602,
    message: 'oldPublicKey is an invalid public key.',
  });
  expect(await sigilRequest(site.page, 'sigil_replaceKey', { did: user.did, oldPublicKey: p0, newPublicKey: 'idpub' })).toEqual({
    ok: false,
    code: -32602,
    message: 'newPublicKey is an invalid public key.',
  });
  expect(openApprovalWindows(context)).toHaveLength(0);
});

test('identityStage: a created entry is announced local, then registered when the resolver accepts it after a worker restart; never twice', async ({
  context,
  openExtensionPage,
  dapp,
  extensionId,
}) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const { ui, user, agent, twin } = site;
  await ui.call('ui_setResolverUrl', { url: await closedPortUrl() });
  await listenForStages(site.page);

  const pending = await startRequest(site.page, 'sigil_createIdentity', { kind: 'twin', label: 'Boiler 2', delegateTo: agent.did });
  const approval = await approvalWindow(context);
  await approval.getByRole('button', { name: 'Create identity' }).click();
  const created = await requestOutcome<{ did: string; chain_id: string; entry_hash: string; stage: string }>(site.page, pending);
  expect(created.ok).toBe(true);
  const { did, chain_id, entry_hash } = created.ok ? created.result : { did: '', chain_id: '', entry_hash: '' };
  await expect.poll(() => heardStages(site.page)).toEqual([{ did, chain_id, entry_hash, stage: 'local' }]);

  await stopWorkerOnce(context, extensionId);
  const resolver = await startResolver();
  try {
    await ui.call('ui_setResolverUrl', { url: resolver.url });
    const registered = (dids: string[]) => dids.map((d) => expect.objectContaining({ did: d, stage: 'registered' }));
    await expect
      .poll(async () => (await heardStages(site.page)).slice(1).sort((a, b) => (a.did < b.did ? -1 : 1)))
      .toEqual(registered([user.did, agent.did, twin.did, did].sort()));
    const events = await heardStages(site.page);
    expect(events.find((e) => e.did === did && e.stage === 'registered')).toEqual({ did, chain_id, entry_hash, stage: 'registered' });
    // Another restart, and a resolver that already holds everything: nothing new to hear.
    await stopWorkerOnce(context, extensionId);
    await ui.call('ui_retryRegistration', undefined);
    expect(await sigilRequest(site.page, 'sigil_identity', { did })).toMatchObject({ ok: true, result: { data: { stage: 'registered' } } });
    await site.page.waitForTimeout(500);
    expect(await heardStages(site.page)).toHaveLength(5);
  } finally {
    await resolver.close();
  }
});
