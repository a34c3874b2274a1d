/**
 * A person's first hour (issue 14), in Firefox ESR: every default accepted from a fresh profile to
 * a token the demo dApp's server verifies against the development resolver; approvals that say in
 * words what will happen; a new seed from Settings; a release build's resolver step. Every screen
 * is saved light and dark.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { startDappServer, type DappServer } from '../../dapp/server';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { approvalWindow, clickButton } from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { requestOutcome, startRequest } from '../../support/page-requests';
import { REPO_ROOT } from '../../support/paths';
import { createUserAndAgentByMessages, createWalletByMessages, PASSWORD, uiCall } from '../../support/popup';
import { capture, click, fill, go, openPopup, reload, textOf, waitForHeading, waitForText } from '../../support/popup-firefox';
import { scriptable } from '../../support/ui-messages';

const DEV_RESOLVER_PORT = 8701;
const DEV_RESOLVER = `http://127.0.0.1:${DEV_RESOLVER_PORT}`;
/** An IOTICS-format DID no wallet in these tests holds. */
const FOREIGN_DID = 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ';

const shownWords = (page: Page) => page.$$eval('[data-testid="recovery-words"] li', (items) => items.map((li) => li.lastChild!.textContent!.trim()));
const count = (page: Page, selector: string) => page.$$eval(selector, (found) => found.length);

/** Picks the right word in each "Word #n" group of the check screen. */
async function answerQuiz(page: Page, words: readonly string[]): Promise<void> {
  await waitForHeading(page, 'Check your recovery phrase');
  const positions = await page.$$eval('fieldset legend', (legends) => legends.map((l) => Number(l.textContent!.replace(/\D/g, ''))));
  expect(positions).toHaveLength(3);
  for (const position of positions) await (await page.waitForSelector(`input[name="word-${position - 1}"][value="${words[position - 1]}"]`))!.click();
}

/** The words screen: hidden first, continuing without revealing refused, then revealed and promised. */
async function revealAndConfirm(page: Page, screen: string): Promise<string[]> {
  await page.waitForSelector('[data-testid="words-hidden"]');
  expect(await count(page, '[data-testid="recovery-words"]')).toBe(0);
  await capture(page, `${screen}-hidden`);
  await (await page.waitForSelector('input[type="checkbox"]'))!.click();
  await click(page, 'Continue');
  await waitForText(page, 'Reveal the words and write them down first.');
  await click(page, 'Reveal the words');
  await page.waitForSelector('[data-testid="recovery-words"]');
  const words = await shownWords(page);
  expect(words).toHaveLength(24);
  await capture(page, `${screen}-shown`);
  await click(page, 'Continue');
  await answerQuiz(page, words);
  await capture(page, `${screen}-check`);
  return words;
}

async function setUpThroughScreens(popup: Page): Promise<void> {
  await waitForHeading(popup, 'Welcome to Sigil');
  await capture(popup, 'first-hour-welcome');
  await click(popup, 'Create a new wallet', true);
  await fill(popup, 'New password', PASSWORD);
  await fill(popup, 'Confirm password', PASSWORD);
  await click(popup, 'Continue');
  await revealAndConfirm(popup, 'first-hour-words');
  await click(popup, 'Create wallet');
}

let resolver: ResolverServer;
let dapp: DappServer;
let firefox: FirefoxSession | undefined;

test.beforeAll(async () => {
  resolver = await startResolver({ port: DEV_RESOLVER_PORT });
  dapp = await startDappServer();
});
test.afterAll(async () => {
  await dapp?.close();
  await resolver?.close();
});
test.afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

test.describe('first hour (Firefox)', () => {
  test('every default accepted: set-up, a User and an Agent, a site connected with the defaults, a token the demo server verifies', async () => {
    firefox = await launchFirefox();
    const popup = await openPopup(firefox);
    await setUpThroughScreens(popup);
    await waitForHeading(popup, 'Your wallet is ready');
    await click(popup, 'Open my wallet');
    await popup.waitForSelector('[data-testid="no-entities"]');
    await capture(popup, 'first-hour-home-empty');

    await click(popup, 'Create a User and an Agent');
    await fill(popup, 'User label', 'Alice');
    await click(popup, 'Create User and Agent');
    await waitForHeading(popup, 'Identities created');
    await waitForText(popup, 'Agent Alice agent signs the sign-in tokens sites get for User Alice.', '[data-testid="delegation-lines"]');
    expect(await popup.$$eval('[data-testid="created"] a', (links) => links.map((a) => a.textContent))).toEqual(['Alice', 'Alice agent']);
    expect(await textOf(popup, '[data-testid="created-stage"]')).toContain('sites cannot look them up nor verify the tokens they sign');
    await capture(popup, 'first-hour-created');
    await click(popup, 'Go to my identities');

    await waitForHeading(popup, 'Identities');
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="entity-groups"] .badge.ok').length === 2, { timeout: 20_000 });
    expect(await popup.$$eval('[data-testid="entity-relation"]', (lines) => lines.map((l) => l.textContent))).toEqual([
      'delegates authentication to Alice agent',
      'signs for Alice',
    ]);
    expect(await textOf(popup, '[data-testid="stage-legend"]')).toContain('accepted by your resolver: any site can look up its document');
    expect(await count(popup, '[data-testid="registration-status"]')).toBe(0);
    await capture(popup, 'first-hour-home');
    await go(popup, '#/settings/resolver');
    await popup.waitForFunction((url: string) => document.querySelector('[data-testid="current-resolver"]')?.textContent === url, {}, DEV_RESOLVER);

    const { entities } = await uiCall(scriptable(popup), 'ui_entities');
    const user = entities.find((e) => e.kind === 'user')!;
    const agent = entities.find((e) => e.kind === 'agent')!;

    // The demo dApp as loaded, with its default (the development) resolver.
    const page = await firefox.openDapp(`${dapp.origin}/`);
    await clickButton(page, 'Connect');
    const approval = await approvalWindow(firefox.browser);
    await waitForText(approval, 'The site will also see Alice agent, which signs for Alice.', '[data-testid="acting-agent"]');
    expect(await approval.$eval('[data-testid="acting-agent"] input', (box) => (box as HTMLInputElement).checked)).toBe(true);
    await capture(approval, 'first-hour-approval-connect');
    await clickButton(approval, 'Connect');
    await page.waitForFunction(() => document.querySelectorAll('#entity-list li').length === 2, { timeout: 15_000 });

    await clickButton(page, 'Get a token');
    const tokenApproval = await approvalWindow(firefox.browser);
    await waitForText(tokenApproval, 'gets a sign-in token that says it is you, your User Alice, signed by your Agent Alice agent, which acts for it.', '[data-testid="request-summary"]');
    expect(await textOf(tokenApproval, '[data-testid="request-summary"]')).toContain('(10 minutes); then it stops working.');
    await capture(tokenApproval, 'first-hour-approval-token');
    await clickButton(tokenApproval, 'Sign token');
    await page.waitForFunction(() => document.querySelector('#token-verdict')?.textContent !== '', { timeout: 15_000 });
    expect(await page.$eval('#token-verdict', (el) => el.textContent)).toBe(`Verified: ${agent.did}#agent-2-0 acts for ${user.did}`);
    const answer = JSON.parse(await page.$eval('#output', (el) => el.textContent ?? '')) as { server: unknown };
    expect(answer.server).toMatchObject({ valid: true, claims: { iss: `${agent.did}#agent-2-0` } });
    const agentDocument = await requestOutcome(scriptable(page), await startRequest(scriptable(page), 'sigil_document', { did: agent.did }));
    expect(agentDocument).toMatchObject({ ok: true, result: { document: { id: agent.did } } });
  });

  test('approvals say who asks, for which identity, what the site can do and for how long; a DID not yours is marked', async () => {
    firefox = await launchFirefox();
    const host = scriptable(await openPopup(firefox));
    await createWalletByMessages(host);
    const { user, agent } = await createUserAndAgentByMessages(host);
    const page = await firefox.openDapp(`${dapp.origin}/`);
    const site = scriptable(page);
    const connecting = await startRequest(site, 'sigil_connect');
    await clickButton(await approvalWindow(firefox.browser), 'Connect');
    expect(await requestOutcome(site, connecting)).toMatchObject({ ok: true, result: { entities: [{ did: user.did }, { did: agent.did }] } });

    const proof = await startRequest(site, 'sigil_delegationProof', { agent: agent.did, delegator: FOREIGN_DID });
    let approval = await approvalWindow(firefox.browser);
    await waitForText(approval, 'that an identity that is not one of yours may name Alice agent as its delegate', '[data-testid="request-summary"]');
    expect(await textOf(approval, '[data-testid="not-yours"]')).toBe('not one of your identities');
    await capture(approval, 'first-hour-approval-proof');
    await clickButton(approval, 'Sign proof');
    expect(await requestOutcome(site, proof)).toMatchObject({ ok: true });

    const token = await startRequest(site, 'sigil_authToken', { user: user.did, durationSeconds: 3600 });
    approval = await approvalWindow(firefox.browser);
    await waitForText(approval, '(1 hour); then it stops working.', '[data-testid="request-summary"]');
    expect(await count(approval, '[data-testid="not-yours"]')).toBe(0);
    await capture(approval, 'first-hour-approval-token-long');
    await clickButton(approval, 'Sign token');
    expect(await requestOutcome(site, token)).toMatchObject({ ok: true });

    const creating = await startRequest(site, 'sigil_createIdentity', { kind: 'twin', label: 'Thermostat', delegateTo: agent.did });
    approval = await approvalWindow(firefox.browser);
    await waitForText(approval, 'asks Sigil to create a new Twin for you, Thermostat, which delegates control to your Agent Alice agent.', '[data-testid="request-summary"]');
    await capture(approval, 'first-hour-approval-create');
    await clickButton(approval, 'Reject');
    expect(await requestOutcome(site, creating)).toMatchObject({ ok: false, code: 4001 });
  });

  test('Settings creates a new seed: words hidden until revealed, three picked back, labelled', async () => {
    firefox = await launchFirefox();
    const popup = await openPopup(firefox);
    await createWalletByMessages(scriptable(popup));
    await go(popup, '#/settings/seeds');
    await reload(popup);
    await click(popup, 'Create a new seed');
    await fill(popup, 'Seed label (optional)', 'Work');
    await capture(popup, 'first-hour-new-seed');
    await click(popup, 'Make the words');
    const words = await revealAndConfirm(popup, 'first-hour-new-seed-words');
    await click(popup, 'Add seed');
    await waitForText(popup, 'Work is in your wallet.', '[data-testid="new-seed-added"]');
    await capture(popup, 'first-hour-new-seed-done');
    const { seeds } = await uiCall(scriptable(popup), 'ui_seeds');
    expect(seeds.map((seed) => [seed.label, seed.origin])).toEqual([expect.any(Array), ['Work', 'created']]);
    expect((await uiCall(scriptable(popup), 'ui_revealMnemonic', { seedId: seeds[1]!.id, password: PASSWORD })).words).toEqual(words);
  });

  test('a release build asks for a resolver at set-up; skipped, the home screen says what "Local" means and how to set one', async ({}, testInfo) => {
    const releaseDir = join(testInfo.project.outputDir, 'release-build');
    execFileSync(process.execPath, [resolve(REPO_ROOT, 'scripts/build.mjs'), '--release'], { env: { ...process.env, SIGIL_DIST_DIR: releaseDir }, stdio: 'ignore' });
    firefox = await launchFirefox({ extensionDir: join(releaseDir, 'firefox') });
    const popup = await openPopup(firefox);
    await setUpThroughScreens(popup);
    await waitForHeading(popup, 'Choose a resolver');
    await click(popup, 'Use this resolver');
    await waitForText(popup, 'Type the resolver’s address, or skip this step.');
    await capture(popup, 'first-hour-release-resolver');
    await click(popup, 'Skip');
    await click(popup, 'Open my wallet');
    await createUserAndAgentByMessages(scriptable(popup));
    await waitForText(popup, '2 identities only in this wallet', '[data-testid="registration-status"]');
    expect(await textOf(popup, '[data-testid="registration-status"]')).toContain('Sites cannot look up these identities, so they cannot verify the tokens you give them.');
    expect(await textOf(popup, '[data-testid="stage-legend"]')).toContain('not yet accepted by a resolver');
    await capture(popup, 'first-hour-release-home');
    await click(popup, 'Set a resolver');
    await popup.waitForFunction(() => document.querySelector('[data-testid="current-resolver"]')?.textContent === 'none', { timeout: 10_000 });
  });
});
