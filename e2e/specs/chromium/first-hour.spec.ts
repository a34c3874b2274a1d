/**
 * A person's first hour (issue 14), in Chromium: every default accepted from a fresh profile to a
 * token the demo dApp's server verifies against the development resolver; approvals that say in
 * words what will happen; a new seed from Settings; a release build's resolver step. Every screen
 * is saved light and dark.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { approvalWindow } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { PASSWORD, createWalletByMessages, createUserAndAgentByMessages, uiCall } from '../../support/popup';
import { answerQuiz, capture, openPopup } from '../../support/popup-chromium';
import { requestOutcome, startRequest } from '../../support/page-requests';
import { CHROMIUM_BINARY, REPO_ROOT } from '../../support/paths';

/** The development resolver's address, the default of development builds. */
const DEV_RESOLVER_PORT = 8701;
const DEV_RESOLVER = `http://127.0.0.1:${DEV_RESOLVER_PORT}`;
/** An IOTICS-format DID no wallet in these tests holds. */
const FOREIGN_DID = 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ';

/** Set-up through the screens with every default: returns the words the person was shown. */
async function setUpThroughScreens(popup: Page): Promise<string[]> {
  await capture(popup, 'first-hour-welcome');
  await popup.getByRole('button', { name: /Create a new wallet/ }).click();
  await popup.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
  await popup.getByRole('button', { name: 'Continue' }).click();
  // Hidden until the person reveals them; continuing without revealing is refused.
  await expect(popup.getByTestId('words-hidden')).toBeVisible();
  await expect(popup.getByTestId('recovery-words')).toHaveCount(0);
  await capture(popup, 'first-hour-words-hidden');
  await popup.getByLabel(/I have written down all 24 words/).check();
  await popup.getByRole('button', { name: 'Continue' }).click();
  await expect(popup.getByText('Reveal the words and write them down first.')).toBeVisible();
  await popup.getByRole('button', { name: 'Reveal the words' }).click();
  const words = await popup.getByTestId('recovery-words').locator('li').evaluateAll((items) => items.map((li) => li.lastChild!.textContent!.trim()));
  expect(words).toHaveLength(24);
  await capture(popup, 'first-hour-words-shown');
  await popup.getByRole('button', { name: 'Continue' }).click();
  await answerQuiz(popup, words);
  await popup.getByRole('button', { name: 'Create wallet' }).click();
  return words;
}

test.describe('first hour (Chromium)', () => {
  let resolver: ResolverServer;
  test.beforeAll(async () => {
    resolver = await startResolver({ port: DEV_RESOLVER_PORT });
  });
  test.afterAll(async () => {
    await resolver?.close();
  });

  test('every default accepted: set-up, a User and an Agent, a site connected with the defaults, a token the demo server verifies', async ({
    context,
    extensionId,
    openDapp,
  }) => {
    const popup = await openPopup(context, extensionId);
    await setUpThroughScreens(popup);
    // A development build has a resolver already: set-up goes straight to its end.
    await expect(popup.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
    await popup.getByRole('button', { name: 'Open my wallet' }).click();
    await capture(popup, 'first-hour-home-empty');

    await popup.getByRole('link', { name: 'Create a User and an Agent' }).click();
    await popup.getByLabel('User label').fill('Alice');
    await popup.getByRole('button', { name: 'Create User and Agent' }).click();
    // The result screen: what was made, who delegates to whom, what "Local" means, the way home.
    await expect(popup.getByRole('heading', { name: 'Identities created' })).toBeVisible();
    const created = popup.getByTestId('created');
    await expect(created.getByRole('link')).toHaveText(['Alice', 'Alice agent']);
    await expect(created.getByTestId('delegation-lines')).toContainText('Alice delegates authentication to Alice agent');
    await expect(created.getByTestId('delegation-lines')).toContainText('Agent Alice agent signs the sign-in tokens sites get for User Alice.');
    await expect(created.getByTestId('created-stage')).toContainText('sites cannot look them up nor verify the tokens they sign');
    await capture(popup, 'first-hour-created');
    await popup.getByRole('link', { name: 'Go to my identities' }).click();

    // Home: who delegates to whom, and what the stage badges mean, once the resolver accepted both.
    await expect(popup.getByRole('heading', { name: 'Identities' })).toBeVisible();
    const users = popup.getByRole('region', { name: /Users/ });
    const agents = popup.getByRole('region', { name: /Agents/ });
    await expect(users.getByTestId('entity-relation')).toHaveText(['delegates authentication to Alice agent']);
    await expect(agents.getByTestId('entity-relation')).toHaveText(['signs for Alice']);
    await expect(popup.locator('[data-testid="entity-groups"] .badge.ok')).toHaveCount(2, { timeout: 20_000 });
    await expect(popup.getByTestId('stage-legend')).toContainText('accepted by your resolver: any site can look up its document and verify the tokens it signs.');
    await expect(popup.getByTestId('registration-status')).toHaveCount(0);
    await capture(popup, 'first-hour-home');
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/settings/resolver`);
    await expect(popup.getByTestId('current-resolver')).toHaveText(DEV_RESOLVER);

    const { entities } = await uiCall(popup, 'ui_entities');
    const user = entities.find((e) => e.kind === 'user')!;
    const agent = entities.find((e) => e.kind === 'agent')!;

    // The demo dApp, as loaded, with its default (the development) resolver.
    const page = await openDapp();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const approval = await approvalWindow(context);
    const acting = approval.getByTestId('acting-agent');
    await expect(acting).toContainText('The site will also see Alice agent, which signs for Alice.');
    await expect(acting.getByRole('checkbox')).toBeChecked();
    await expect(approval.getByTestId('request-summary')).toContainText('will see the identities you tick');
    await capture(approval, 'first-hour-approval-connect');
    await approval.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('list', { name: 'Shared entities' }).getByRole('listitem')).toHaveCount(2);

    await page.getByRole('button', { name: 'Get a token' }).click();
    const tokenApproval = await approvalWindow(context);
    const summary = tokenApproval.getByTestId('request-summary');
    await expect(summary).toContainText('gets a sign-in token that says it is you, your User Alice, signed by your Agent Alice agent, which acts for it.');
    await expect(summary).toContainText('(10 minutes); then it stops working.');
    await capture(tokenApproval, 'first-hour-approval-token');
    await tokenApproval.getByRole('button', { name: 'Sign token' }).click();
    await expect(page.locator('#token-verdict')).toHaveText(`Verified: ${agent.did}#agent-2-0 acts for ${user.did}`);
    const answer = JSON.parse((await page.locator('#output').textContent())!) as { server: { valid: boolean; claims?: { iss: string } } };
    expect(answer.server).toMatchObject({ valid: true, claims: { iss: `${agent.did}#agent-2-0` } });
    // The site reads the document of the Agent the token names, because it was shared along with the User.
    const agentDocument = await requestOutcome(page, await startRequest(page, 'sigil_document', { did: agent.did }));
    expect(agentDocument).toMatchObject({ ok: true, result: { document: { id: agent.did } } });
  });

  test('approvals say who asks, for which identity, what the site can do and for how long; a DID not yours is marked', async ({
    context,
    extensionId,
    openDapp,
  }) => {
    const host = await openPopup(context, extensionId);
    await createWalletByMessages(host);
    const { user, agent } = await createUserAndAgentByMessages(host);
    const page = await openDapp();
    const connecting = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, connecting)).toMatchObject({ ok: true, result: { entities: [{ did: user.did }, { did: agent.did }] } });

    const proof = await startRequest(page, 'sigil_delegationProof', { agent: agent.did, delegator: FOREIGN_DID });
    let approval = await approvalWindow(context);
    await expect(approval.getByTestId('request-origin')).toHaveText(new URL(page.url()).origin);
    await expect(approval.getByTestId('request-summary')).toContainText('signed by your Agent Alice agent, that an identity that is not one of yours may name Alice agent as its delegate');
    await expect(approval.getByTestId('not-yours')).toHaveText('not one of your identities');
    await capture(approval, 'first-hour-approval-proof');
    // Approved (a refusal would start the site's cooldown and hold back the next requests).
    await approval.getByRole('button', { name: 'Sign proof' }).click();
    expect(await requestOutcome(page, proof)).toMatchObject({ ok: true });

    const token = await startRequest(page, 'sigil_authToken', { user: user.did, durationSeconds: 3600 });
    approval = await approvalWindow(context);
    await approval.getByRole('checkbox', { name: /without asking me/ }).check();
    await approval.getByLabel('for the next').selectOption({ label: '4 hours' });
    const summary = approval.getByTestId('request-summary');
    await expect(summary).toContainText('(1 hour); then it stops working.');
    await expect(summary).toContainText('get new tokens for Alice without asking for the next 4 hours.');
    await expect(approval.getByTestId('not-yours')).toHaveCount(0);
    await capture(approval, 'first-hour-approval-token-grant');
    await approval.getByRole('button', { name: 'Sign token' }).click();
    expect(await requestOutcome(page, token)).toMatchObject({ ok: true });

    const creating = await startRequest(page, 'sigil_createIdentity', { kind: 'twin', label: 'Thermostat', delegateTo: agent.did });
    approval = await approvalWindow(context);
    await expect(approval.getByTestId('request-summary')).toContainText(
      'asks Sigil to create a new Twin for you, Thermostat, which delegates control to your Agent Alice agent.',
    );
    await capture(approval, 'first-hour-approval-create');
    await approval.getByRole('button', { name: 'Reject' }).click();
    expect(await requestOutcome(page, creating)).toMatchObject({ ok: false, code: 4001 });
  });

  test('Settings creates a new seed: words hidden until revealed, three picked back, labelled', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/settings/seeds`);
    await popup.reload();
    await popup.getByRole('link', { name: 'Create a new seed' }).click();
    await popup.getByLabel('Seed label (optional)').fill('Work');
    await capture(popup, 'first-hour-new-seed');
    await popup.getByRole('button', { name: 'Make the words' }).click();
    await expect(popup.getByTestId('words-hidden')).toBeVisible();
    await expect(popup.getByTestId('recovery-words')).toHaveCount(0);
    await capture(popup, 'first-hour-new-seed-hidden');
    await popup.getByRole('button', { name: 'Reveal the words' }).click();
    const words = await popup.getByTestId('recovery-words').locator('li').evaluateAll((items) => items.map((li) => li.lastChild!.textContent!.trim()));
    await popup.getByLabel(/I have written down all 24 words/).check();
    await popup.getByRole('button', { name: 'Continue' }).click();
    await answerQuiz(popup, words);
    await capture(popup, 'first-hour-new-seed-check');
    await popup.getByRole('button', { name: 'Add seed' }).click();
    await expect(popup.getByTestId('new-seed-added')).toContainText('Work is in your wallet.');
    await capture(popup, 'first-hour-new-seed-done');
    const { seeds } = await uiCall(popup, 'ui_seeds');
    expect(seeds.map((seed) => [seed.label, seed.origin])).toEqual([expect.any(Array), ['Work', 'created']]);
    expect((await uiCall(popup, 'ui_revealMnemonic', { seedId: seeds[1]!.id, password: PASSWORD })).words).toEqual(words);
  });
});

test.describe('first hour, release build (Chromium)', () => {
  let releaseDir: string;
  let context: BrowserContext;
  let userDataDir: string;
  test.beforeAll(({}, testInfo) => {
    // A release build has no default resolver: built here, in the test output folder.
    releaseDir = join(testInfo.project.outputDir, 'release-build');
    execFileSync(process.execPath, [resolve(REPO_ROOT, 'scripts/build.mjs'), '--release'], { env: { ...process.env, SIGIL_DIST_DIR: releaseDir }, stdio: 'ignore' });
  });
  test.beforeEach(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'sigil-chromium-release-'));
    const extensionDir = join(releaseDir, 'chrome');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_BINARY,
      headless: true,
      args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    });
  });
  test.afterEach(async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  test('set-up asks for a resolver; skipped, the home screen says what "Local" means and how to set one', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popup = await openPopup(context, new URL(worker.url()).host);
    await setUpThroughScreens(popup);
    await expect(popup.getByRole('heading', { name: 'Choose a resolver' })).toBeVisible();
    await popup.getByRole('button', { name: 'Use this resolver' }).click();
    await expect(popup.getByText('Type the resolver’s address, or skip this step.')).toBeVisible();
    await capture(popup, 'first-hour-release-resolver');
    await popup.getByRole('button', { name: 'Skip' }).click();
    await popup.getByRole('button', { name: 'Open my wallet' }).click();
    await createUserAndAgentByMessages(popup);
    const banner = popup.getByTestId('registration-status');
    await expect(banner).toContainText('2 identities only in this wallet');
    await expect(banner).toContainText('Sites cannot look up these identities, so they cannot verify the tokens you give them.');
    await expect(popup.getByTestId('stage-legend')).toContainText('not yet accepted by a resolver');
    await capture(popup, 'first-hour-release-home');
    await banner.getByRole('link', { name: 'Set a resolver' }).click();
    await expect(popup.getByTestId('current-resolver')).toHaveText('none');
  });
});
