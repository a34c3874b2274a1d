/**
 * Issue 13 in Firefox ESR: the Factom identity API as the Factom SDK's users know it — reads by
 * identityChainId with the SDK's messages.
 */
import { expect, test } from '@playwright/test';
import { base64Decode, utf8Decode, verifyDocumentToken } from '../../../src/core';
import { startResolver } from '../../resolver/server';
import { startDappServer, type DappServer } from '../../dapp/server';
import {
  approvalWindow,
  clickButton,
  fillField,
  noApprovalWindow,
  openApprovalPages,
  setCheckbox,
  textOf,
  waitForText,
} from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { requestOutcome, sigilRequest, startRequest } from '../../support/page-requests';
import { setUpWallet, TEST_PASSWORD, type TestWallet } from '../../support/test-wallet';
import { scriptable, type ScriptablePage, type UiClient } from '../../support/ui-messages';

interface StageEvent {
  did: string;
  chain_id: string | null;
  entry_hash: string | null;
  stage: string;
}

/** Keeps every identityStage event the page hears, in order. */
async function listenForStages(page: ScriptablePage): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { stages: unknown[]; sigil: { on(event: string, fn: (data: unknown) => void): void } };
    w.stages = [];
    w.sigil.on('identityStage', (data) => w.stages.push(data));
  }, undefined);
}
const heardStages = (page: ScriptablePage) => page.evaluate(() => (window as unknown as { stages: StageEvent[] }).stages, undefined) as Promise<StageEvent[]>;

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

test.describe.configure({ mode: 'serial' });

let firefox: FirefoxSession;
let dapp: DappServer;
let wallet: TestWallet;
let site: ScriptablePage;

test.beforeAll(async () => {
  dapp = await startDappServer();
  firefox = await launchFirefox();
  wallet = await setUpWallet(scriptable(await firefox.openExtensionPage('popup.html', 'script[type="module"]')));
  site = scriptable(await firefox.openDapp(dapp.origin));
  const pending = await startRequest(site, 'sigil_connect');
  const approval = await approvalWindow(firefox.browser);
  for (const label of ['Alice', "Alice's agent", 'Pump 7']) await setCheckbox(approval, label, true);
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(site, pending)).toMatchObject({ ok: true });
  await noApprovalWindow(firefox.browser);
});
test.afterAll(async () => {
  await firefox?.close();
  await dapp?.close();
});

test('identity, keys and key by identityChainId, as by DID; the SDK messages; an unshared chain id reveals nothing', async () => {
  const { ui, user } = wallet;
  const view = await ui.call('ui_entity', { did: user.did });
  const identityChainId = view.chainId!;

  const byChain = await sigilRequest<{ data: { chain_id: string } }>(site, 'sigil_identity', { identityChainId });
  expect(byChain.ok && byChain.result.data.chain_id).toBe(identityChainId);
  expect(byChain).toEqual(await sigilRequest(site, 'sigil_identity', { did: user.did }));
  expect(await sigilRequest(site, 'sigil_identityKeys', { identityChainId: identityChainId.toUpperCase(), offset: 1 })).toEqual(
    await sigilRequest(site, 'sigil_identityKeys', { did: user.did, offset: 1 }),
  );
  const key = view.keys[1]!.idpub;
  const one = await sigilRequest<{ data: { key: string; priority: number } }>(site, 'sigil_identityKey', { identityChainId, key });
  expect(one.ok && one.result.data).toMatchObject({ key, priority: 1 });

  expect(await sigilRequest(site, 'sigil_identityKeys', { limit: 3 })).toEqual({ ok: false, code: -32602, message: 'identityChainId is required.' });
  expect(await sigilRequest(site, 'sigil_identity', { identityChainId: identityChainId.slice(2) })).toEqual({
    ok: false,
    code: -32602,
    message: 'identityChainId is invalid.',
  });

  const hidden = await ui.call('ui_createEntity', { kind: 'user', label: 'Not shared', keyName: 'hidden' });
  const hiddenChain = (await ui.call('ui_entity', { did: hidden.did })).chainId;
  const unshared = await sigilRequest(site, 'sigil_identityKey', { identityChainId: hiddenChain, key });
  expect(unshared).toMatchObject({ ok: false, code: 4100 });
  expect(await sigilRequest(site, 'sigil_identityKey', { identityChainId: 'cd'.repeat(32), key })).toEqual(unshared);
});

test('replaceKey with the signer the site chose; the person switches to the master key, which needs the password; the card says what happens', async () => {
  const { ui, agent, user } = wallet;
  const [p0, p1, p2] = await activeKeys(ui, agent.did);
  expect(await sigilRequest(site, 'sigil_replaceKey', { did: agent.did, oldPublicKey: p1, signerPublicKey: p2 })).toEqual({
    ok: false,
    code: -32602,
    message: 'signerPublicKey (priority 2) may not replace oldPublicKey (priority 1): the signing key must be of the same or a higher priority.',
  });
  expect(await sigilRequest(site, 'sigil_replaceKey', { did: agent.did, oldPublicKey: p2, signerPublicKey: (await activeKeys(ui, user.did))[1] })).toEqual({
    ok: false,
    code: -32602,
    message: 'signerPublicKey is not an active key of this identity.',
  });
  expect(await openApprovalPages(firefox.browser)).toHaveLength(0);

  const pending = await startRequest(site, 'sigil_replaceKey', { did: agent.did, oldPublicKey: p2, signerPublicKey: p1 });
  const approval = await approvalWindow(firefox.browser);
  await waitForText(approval, 'Tokens already issued with #agent-2-0 stop working');
  expect(await textOf(approval, '[data-testid="replacement-consequences"]')).toContain(
    'The delegations that name #agent-2-0 will be renewed with the new key: Alice, Pump 7.',
  );
  const radios = () => approval.$$eval('[data-testid="signer-choice"] input[type="radio"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).checked));
  expect(await radios()).toEqual([false, true, false]);
  expect(await approval.$$('input[type="password"]')).toHaveLength(0);
  await approval.$eval('[data-testid="signer-choice"] input[type="radio"]', (input) => (input as HTMLInputElement).click());
  await waitForText(approval, 'this one is signed by #agent-0-0, the key at priority 0, the master key.');
  await fillField(approval, 'Password', TEST_PASSWORD);
  await clickButton(approval, 'Replace key');
  expect(await requestOutcome(site, pending)).toMatchObject({ ok: true, result: { stage: 'local' } });
  expect(await lastSigner(ui, agent.did)).toBe(p0);
  const after = await activeKeys(ui, agent.did);
  expect(after.slice(0, 2)).toEqual([p0, p1]);
  expect(after[2]).not.toBe(p2);
  await noApprovalWindow(firefox.browser);
});

test("the page API refuses in the Factom SDK's own words: the size rule, an invalid key, bad public keys", async () => {
  const { ui, user } = wallet;
  const names = Array.from({ length: 11 }, (_, i) => String.fromCharCode(97 + i).repeat(1000));
  expect(await sigilRequest(site, 'sigil_createIdentity', { kind: 'twin', names })).toEqual({
    ok: false,
    code: -32602,
    message: expect.stringMatching(/^calculated bytes of names and keys is 11\d\d\d\. It must be less than 10240, use less\/shorter names or less keys\.$/),
  });
  const [p0] = await activeKeys(ui, user.did);
  const identityChainId = (await ui.call('ui_entity', { did: user.did })).chainId!;
  const notAKey = `${p0!.slice(0, -1)}${p0!.endsWith('a') ? 'b' : 'a'}`;
  expect(await sigilRequest(site, 'sigil_identityKey', { identityChainId, key: notAKey })).toEqual({ ok: false, code: -32602, message: 'key is invalid.' });
  expect(await sigilRequest(site, 'sigil_replaceKey', { did: user.did, oldPublicKey: notAKey })).toEqual({
    ok: false,
    code: -32602,
    message: 'oldPublicKey is an invalid public key.',
  });
  expect(await sigilRequest(site, 'sigil_replaceKey', { did: user.did, oldPublicKey: p0, newPublicKey: 'idpub' })).toEqual({
    ok: false,
    code: -32602,
    message: 'newPublicKey is an invalid public key.',
  });
  expect(await openApprovalPages(firefox.browser)).toHaveLength(0);
});

test.describe('identityStage across a suspended background (Firefox)', () => {
  let idle: FirefoxSession;
  test.afterAll(async () => {
    await idle?.close();
  });

  test('a created entry is announced local, then registered once the resolver accepts it after the background restarted; never twice', async () => {
    // Firefox suspends the event page after 4 s idle here; it wakes for the next message, event or alarm.
    idle = await launchFirefox({ backgroundIdleMs: 4000 });
    const { ui, user, agent, twin } = await setUpWallet(scriptable(await idle.openExtensionPage('popup.html', 'script[type="module"]')));
    await ui.call('ui_setResolverUrl', { url: 'http://127.0.0.1:9' });
    const page = scriptable(await idle.openDapp(dapp.origin));
    const connecting = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(idle.browser);
    for (const label of ['Alice', "Alice's agent", 'Pump 7']) await setCheckbox(approval, label, true);
    await clickButton(approval, 'Connect');
    expect(await requestOutcome(page, connecting)).toMatchObject({ ok: true });
    await noApprovalWindow(idle.browser);
    await listenForStages(page);

    const creating = await startRequest(page, 'sigil_createIdentity', { kind: 'twin', label: 'Boiler 2', delegateTo: agent.did });
    await clickButton(await approvalWindow(idle.browser), 'Create identity');
    const created = await requestOutcome<{ did: string; chain_id: string; entry_hash: string }>(page, creating);
    expect(created.ok).toBe(true);
    const { did, chain_id, entry_hash } = created.ok ? created.result : { did: '', chain_id: '', entry_hash: '' };
    await expect.poll(() => heardStages(page)).toEqual([{ did, chain_id, entry_hash, stage: 'local' }]);

    const { backgroundStartedAt: before } = await ui.call('ui_state', undefined);
    await expect
      .poll(async () => (await ui.call('ui_state', undefined)).backgroundStartedAt, { timeout: 30_000, intervals: [5000] })
      .toBeGreaterThan(before);
    const resolver = await startResolver();
    try {
      await ui.call('ui_setResolverUrl', { url: resolver.url });
      await expect
        .poll(async () => (await heardStages(page)).slice(1).map((e) => `${e.did} ${e.stage}`).sort(), { timeout: 20_000 })
        .toEqual([user.did, agent.did, twin.did, did].map((d) => `${d} registered`).sort());
      expect((await heardStages(page)).find((e) => e.did === did && e.stage === 'registered')).toEqual({ did, chain_id, entry_hash, stage: 'registered' });
      await ui.call('ui_retryRegistration', undefined);
      await new Promise((done) => setTimeout(done, 500));
      expect(await heardStages(page)).toHaveLength(5);
    } finally {
      await resolver.close();
    }
  });
});
