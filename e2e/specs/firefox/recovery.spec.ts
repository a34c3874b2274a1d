/**
 * Recovery from the phrase alone (issue 14), in Firefox: profile A makes a User and an Agent in each
 * format with the default key names, registers them on the development resolver and replaces a key
 * of each Agent once; a second, fresh profile B restored from the phrase alone finds the same
 * identities at their latest keys and signs a token that verifies against the resolver.
 */
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { httpResolver, verifyAuthToken } from '../../../src/core';
import type { SigilEntityView } from '../../../src/shared/ui-api';
import { startDappServer, type DappServer } from '../../dapp/server';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { approvalWindow, clickButton, noApprovalWindow } from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { requestOutcome, startRequest } from '../../support/page-requests';
import { PASSWORD, createWalletByMessages, uiCall } from '../../support/popup';
import { capture, check, click, fill, go, openPopup, waitForCount, waitForHeading, waitForText } from '../../support/popup-firefox';
import { scriptable } from '../../support/ui-messages';

/** The development build's default resolver: profile B uses it without being told. */
const DEV_RESOLVER_PORT = 8701;

const sessions: FirefoxSession[] = [];
let resolver: ResolverServer;
let dapp: DappServer;

test.beforeAll(async () => {
  resolver = await startResolver({ port: DEV_RESOLVER_PORT });
  dapp = await startDappServer();
});
test.afterAll(async () => {
  await resolver?.close();
  await dapp?.close();
});
test.afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

async function profile(): Promise<FirefoxSession> {
  const session = await launchFirefox();
  sessions.push(session);
  return session;
}

const stages = async (page: Page) => (await uiCall(scriptable(page), 'ui_entities')).entities.map((e) => e.stage);

/** A User and an Agent through the create form, every default kept but the format. */
async function createPairThroughForm(popup: Page, format: 'Sigil' | 'IOTICS', label: string): Promise<void> {
  await go(popup, '#/');
  await popup.waitForSelector('[data-screen="home"]');
  await go(popup, '#/create/user-agent');
  await check(popup, format);
  await fill(popup, 'User label', label);
  await click(popup, 'Create User and Agent');
  await waitForText(popup, label, '[data-testid="created"]');
}

/** Onboarding's "I have a recovery phrase" with `words`, up to the screen that says what was found. */
async function restorePhrase(popup: Page, words: string): Promise<void> {
  await click(popup, 'Import a recovery phrase or seed', true);
  await fill(popup, 'New password', PASSWORD);
  await fill(popup, 'Confirm password', PASSWORD);
  await click(popup, 'Continue');
  await fill(popup, 'Recovery phrase', words);
  await click(popup, 'Import and create wallet');
  await waitForHeading(popup, 'Your identities');
}

test('profile B restored from the phrase alone shows profile A’s identities at their latest keys and signs a token that verifies', async () => {
  // Profile A: default key names, registered on the development resolver, one key of each Agent replaced.
  const a = await profile();
  const popup = await openPopup(a);
  const words = await createWalletByMessages(scriptable(popup));
  await go(popup, '#/create/user-agent');
  await waitForText(popup, 'Your recovery phrase alone finds this User again.', '[data-testid="default-key-name"]');
  await click(popup, 'Choose the User key name');
  await waitForText(popup, 'Write this key name down next to your recovery phrase.', '[data-testid="custom-key-name-warning"]');
  await capture(popup, 'recovery-custom-key-name');
  await click(popup, 'Use the default key name for the User');
  await waitForCount(popup, '[data-testid="custom-key-name-warning"]', 0);
  await createPairThroughForm(popup, 'Sigil', 'Alice');
  await createPairThroughForm(popup, 'IOTICS', 'Bob');
  await expect.poll(() => stages(popup), { timeout: 15_000 }).toEqual(['registered', 'registered', 'registered', 'registered']);

  const made = (await uiCall(scriptable(popup), 'ui_entities')).entities;
  const find = (format: string, kind: string) => made.find((e) => e.format === format && e.kind === kind)!;
  const sigilAgent = find('sigil', 'agent');
  const ioticsAgent = find('iotics', 'agent');
  const view = (await uiCall(scriptable(popup), 'ui_entity', { did: sigilAgent.did })) as SigilEntityView;
  const signing = view.keys.find((k) => k.active && k.priority === 2)!;
  await uiCall(scriptable(popup), 'ui_replaceKey', { did: sigilAgent.did, oldKey: signing.idpub, password: PASSWORD });
  await uiCall(scriptable(popup), 'ui_rotateIoticsKey', { did: ioticsAgent.did, keyId: '#agent-0', password: PASSWORD });
  await expect.poll(() => stages(popup), { timeout: 15_000 }).toEqual(['registered', 'registered', 'registered', 'registered']);

  // Profile B: the onboarding's "I have a recovery phrase", nothing else typed.
  const b = await profile();
  const popupB = await openPopup(b);
  await restorePhrase(popupB, words.join(' '));
  await waitForText(popupB, `Found 4 identities on ${resolver.url}`, '[data-testid="restore-summary"]');
  await waitForCount(popupB, '[data-testid="restored-identity"]', 4);
  const rows = await popupB.$$eval('[data-testid="restored-identity"]', (items) => items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  expect(rows.find((row) => row.startsWith('Alice agent'))).toContain('#agent-2-1, its latest key (replaced once)');
  expect(rows.find((row) => row.startsWith('Bob agent'))).toContain('#agent-1, its latest key (replaced once)');
  await capture(popupB, 'recovery-found');
  await click(popupB, 'Continue');
  await waitForHeading(popupB, 'Your wallet is ready');
  await click(popupB, 'Open my wallet');

  const restored = (await uiCall(scriptable(popupB), 'ui_entities')).entities;
  expect(restored.map((e) => [e.did, e.label, e.stage]).sort()).toEqual(made.map((e) => [e.did, e.label, 'registered']).sort());

  // A site connected in profile B gets tokens signed with the latest keys, and they verify on the resolver.
  const site = await b.openDapp(dapp.origin);
  const connecting = await startRequest(scriptable(site), 'sigil_connect');
  const approval = await approvalWindow(b.browser);
  // One box at a time: ticking a User ticks its Agent too, once the window has drawn it again.
  for (let clicks = 0; clicks < 8; clicks++) {
    const ticked = await approval.evaluate(() => {
      const box = [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((b) => !b.checked);
      box?.click();
      return box !== undefined;
    });
    if (!ticked) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(scriptable(site), connecting)).toMatchObject({ ok: true });
  await noApprovalWindow(b.browser);
  for (const [user, iss] of [
    [find('sigil', 'user').did, `${sigilAgent.did}#agent-2-1`],
    [find('iotics', 'user').did, `${ioticsAgent.did}#agent-1`],
  ] as const) {
    const pending = await startRequest(scriptable(site), 'sigil_authToken', { user, durationSeconds: 300 });
    await clickButton(await approvalWindow(b.browser), 'Sign token');
    const outcome = await requestOutcome<{ token: string }>(scriptable(site), pending);
    if (!outcome.ok) throw new Error(`sigil_authToken: ${outcome.code} ${outcome.message}`);
    const verified = await verifyAuthToken(outcome.result.token, { audience: dapp.origin, resolve: httpResolver(resolver.url) });
    expect(verified.claims).toMatchObject({ iss, sub: user, aud: dapp.origin });
    await noApprovalWindow(b.browser);
  }
});

test('without a reachable resolver the phrase restores the seed and says what to do', async () => {
  await resolver.close();
  try {
    const popup = await openPopup(await profile());
    await restorePhrase(
      popup,
      'abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era live bid rhythm alien crouch range attend journey unaware',
    );
    await waitForText(popup, 'The resolver could not be reached.', '[data-testid="restore-summary"]');
    await waitForText(popup, 'Try again', '[data-testid="identity-search"]');
    await capture(popup, 'recovery-unreachable');
    await click(popup, 'Continue');
    await waitForHeading(popup, 'Your wallet is ready');
    expect((await uiCall(scriptable(popup), 'ui_seeds')).seeds).toHaveLength(1);
  } finally {
    resolver = await startResolver({ port: DEV_RESOLVER_PORT });
  }
});
