import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { base58Decode, base64Decode, ed25519, encodeIdpub, randomBytes, utf8Encode } from '../../../src/core';
import { startDappServer, type DappServer } from '../../dapp/server';
import {
  approvalWindow,
  badgeText,
  clickButton,
  fillField,
  noApprovalWindow,
  openApprovalPages,
  setCheckbox,
  waitForText,
} from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { concurrentRequests, requestOutcome, sigilRequest, startRequest } from '../../support/page-requests';
import { waitOutCooldown } from '../../support/security-flood';
import { setUpWallet, TEST_PASSWORD, type TestWallet } from '../../support/test-wallet';
import { answerCounts, countAnswers, documentsSeenBy, verifyToken } from '../../support/token-checks';
import { readDatabase, scriptable, type ScriptablePage } from '../../support/ui-messages';

type Token = { token: string; expiresAt: number };
type SitePage = ScriptablePage & { tab: Page; origin: string; close(): Promise<void> };

let firefox: FirefoxSession;
let host: Page;
let wallet: TestWallet;
const servers: DappServer[] = [];

test.beforeAll(async () => {
  firefox = await launchFirefox();
  host = await firefox.openExtensionPage('popup.html', '.app');
  wallet = await setUpWallet(scriptable(host));
});

test.afterAll(async () => {
  await firefox?.close();
  for (const server of servers) await server.close();
});

/** A dApp of a fresh origin, connected with every identity shared. */
async function connectedSite(): Promise<SitePage> {
  const server = await startDappServer();
  servers.push(server);
  const tab = await firefox.openDapp(server.origin);
  const page: SitePage = { ...scriptable(tab), tab, origin: server.origin, close: () => tab.close() };
  const pending = await startRequest(page, 'sigil_connect');
  const approval = await approvalWindow(firefox.browser);
  for (const label of ["Alice's agent", 'Pump 7']) await setCheckbox(approval, label, true);
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });
  await noApprovalWindow(firefox.browser);
  return page;
}

test.describe('sigil_authToken (Firefox)', () => {
  test('asks first, with the claims; a standing grant then issues 1000 concurrent tokens, once each, each valid', async () => {
    test.setTimeout(240_000);
    const page = await connectedSite();
    const documents = await documentsSeenBy(page, [wallet.user.did, wallet.agent.did]);

    let pending = await startRequest(page, 'sigil_authToken', { user: wallet.user.did });
    let approval = await approvalWindow(firefox.browser);
    await waitForText(approval, 'asks for a sign-in token');
    await waitForText(approval, `${wallet.agent.did}#agent-2-0`);
    await clickButton(approval, 'Reject');
    expect(await requestOutcome(page, pending)).toEqual({ ok: false, code: 4001, message: 'The person rejected the request.' });
    // The person turned the site down a moment ago: its next request waits out the cooldown (issue 12 item 4).
    await waitOutCooldown();

    pending = await startRequest(page, 'sigil_authToken', { user: wallet.user.did });
    approval = await approvalWindow(firefox.browser);
    await setCheckbox(approval, 'without asking me', true);
    await clickButton(approval, 'Sign token');
    const first = await requestOutcome<Token>(page, pending);
    await verifyToken((first as { result: Token }).result.token, page.origin, documents);
    await noApprovalWindow(firefox.browser);

    await countAnswers(page);
    const outcomes = await concurrentRequests<Token>(page, 1000, 'sigil_authToken', { user: wallet.user.did, durationSeconds: 300 });
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(await answerCounts(page)).toEqual({ requests: 1000, answers: 1000, maxPerRequest: 1 });
    for (const outcome of outcomes) {
      const verified = await verifyToken((outcome as { result: Token }).result.token, page.origin, documents);
      expect(verified.claims).toMatchObject({ sub: wallet.user.did, aud: page.origin });
    }
    expect(await openApprovalPages(firefox.browser)).toHaveLength(0);
    await page.close();
  });

  test('another audience is shown as a warning and cannot be granted standing', async () => {
    const page = await connectedSite();
    const audience = 'https://api.example.org';
    const pending = await startRequest(page, 'sigil_authToken', { user: wallet.user.did, audience });
    const approval = await approvalWindow(firefox.browser);
    await waitForText(approval, `This token is for ${audience}, not for ${page.origin}.`);
    expect(await approval.evaluate(() => document.body.textContent?.includes('without asking me'))).toBe(false);
    await clickButton(approval, 'Sign token');
    const answer = await requestOutcome<Token>(page, pending);
    const documents = await documentsSeenBy(page, [wallet.user.did, wallet.agent.did]);
    expect((await verifyToken((answer as { result: Token }).result.token, audience, documents)).claims.aud).toBe(audience);
    await page.close();
  });

  test('naming an agent cannot probe which DIDs the wallet holds: one answer, no window', async () => {
    const page = await connectedSite();
    const notInWallet = 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ'; // the IOTICS-format alice: in no test wallet
    const expected = { ok: false, code: -32602, message: `params.agent must be an Agent in Sigil that ${wallet.user.did} delegates authentication to.` };
    expect(await sigilRequest(page, 'sigil_authToken', { user: wallet.user.did, agent: wallet.user.did })).toEqual(expected);
    expect(await sigilRequest(page, 'sigil_authToken', { user: wallet.user.did, agent: notInWallet })).toEqual(expected);
    expect(await openApprovalPages(firefox.browser)).toHaveLength(0);
    await page.close();
  });
});

test.describe('proofs, new identities, key replacement, the queue (Firefox)', () => {
  test('a delegation proof verifies with the agent signing key; a new identity is shared with the site', async () => {
    const page = await connectedSite();
    const pending = await startRequest(page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.twin.did });
    await clickButton(await approvalWindow(firefox.browser), 'Sign proof');
    const answer = await requestOutcome<{ controller: string; proof: string }>(page, pending);
    expect(answer).toMatchObject({ ok: true, result: { controller: `${wallet.agent.did}#agent-2-0`, proofType: 'did' } });
    const agentDocument = (await documentsSeenBy(page, [wallet.agent.did])).get(wallet.agent.did) as {
      publicKey: { id: string; publicKeyBase58: string }[];
    };
    const key = agentDocument.publicKey.find((k) => k.id === '#agent-2-0')!;
    const { proof } = (answer as { result: { proof: string } }).result;
    expect(await ed25519.verify(base64Decode(proof), utf8Encode(wallet.twin.did), base58Decode(key.publicKeyBase58))).toBe(true);

    const creating = await startRequest(page, 'sigil_createIdentity', { kind: 'user', label: 'Bob' });
    const approval = await approvalWindow(firefox.browser);
    await waitForText(approval, 'asks to create a new identity');
    await clickButton(approval, 'Create identity');
    const created = await requestOutcome<{ did: string }>(page, creating);
    expect(created).toMatchObject({ ok: true, result: { stage: 'local' } });
    const entities = await sigilRequest<{ entities: { did: string; label: string }[] }>(page, 'sigil_entities');
    expect(entities.ok && entities.result.entities.find((e) => e.label === 'Bob')?.did).toBe((created as { result: { did: string } }).result.did);
    await page.close();
  });

  test('a master-key replacement asks for the password and checks it before signing; it is never stored', async () => {
    const page = await connectedSite();
    const identity = await sigilRequest<{ data: { active_keys: { key: string; priority: number }[] } }>(page, 'sigil_identity', {
      did: wallet.agent.did,
    });
    const oldKey = (identity as { result: { data: { active_keys: { key: string; priority: number }[] } } }).result.data.active_keys.find(
      (k) => k.priority === 1,
    )!.key;
    const pending = await startRequest(page, 'sigil_replaceKey', { did: wallet.agent.did, oldPublicKey: oldKey });
    const approval = await approvalWindow(firefox.browser);
    await waitForText(approval, 'priority 0, the master key');
    await fillField(approval, 'Password', 'wrong password');
    await clickButton(approval, 'Replace key');
    await waitForText(approval, 'Wrong password.');
    expect((await wallet.ui.call('ui_pending', undefined)).requests).toHaveLength(1);
    await approval.$eval('input[type="password"]', (input) => ((input as HTMLInputElement).value = ''));
    await fillField(approval, 'Password', TEST_PASSWORD);
    await clickButton(approval, 'Replace key');
    expect(await requestOutcome(page, pending)).toMatchObject({ ok: true, result: { entry_hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(await readDatabase(scriptable(host)))).not.toContain(TEST_PASSWORD);

    // A key the site supplies itself: the card says in plain words that the site will hold it. The
    // User's signing key is replaced, not the Agent's: the tests after this one sign with the Agent.
    const userIdentity = await sigilRequest<{ data: { active_keys: { key: string; priority: number }[] } }>(page, 'sigil_identity', {
      did: wallet.user.did,
    });
    const p2 = (userIdentity as { result: { data: { active_keys: { key: string; priority: number }[] } } }).result.data.active_keys.find(
      (k) => k.priority === 2,
    )!.key;
    const siteKey = encodeIdpub(await ed25519.getPublicKey(randomBytes(32)));
    const supplied = await startRequest(page, 'sigil_replaceKey', { did: wallet.user.did, oldPublicKey: p2, newPublicKey: siteKey });
    const card = await approvalWindow(firefox.browser);
    await waitForText(card, 'This site chose the new key');
    await clickButton(card, 'Replace key');
    expect(await requestOutcome(page, supplied)).toMatchObject({ ok: true });
    await page.close();
  });

  test('10 requests wait per site, the 11th is refused; the badge counts; closing the window turns them all down', async () => {
    const page = await connectedSite();
    const handles: string[] = [];
    for (let i = 0; i < 10; i++)
      handles.push(await startRequest(page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.user.did }));
    const approval = await approvalWindow(firefox.browser);
    await waitForText(approval, 'Request 1 of 10');
    await expect.poll(() => badgeText(host)).toBe('10');
    expect(await sigilRequest(page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.user.did })).toEqual({
      ok: false,
      code: 4100,
      message: 'This site already has 10 requests waiting for the person. Wait until they are answered.',
    });
    await approval.close();
    for (const handle of handles) expect(await requestOutcome(page, handle)).toMatchObject({ ok: false, code: 4001 });
    await expect.poll(() => badgeText(host)).toBe('');
    await page.close();
  });
});
