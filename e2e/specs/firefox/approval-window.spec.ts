/**
 * The approval window in Firefox, as in Chromium's approvals.spec.ts: each kind of request with its
 * own approve button (light and dark screens saved), the keyboard alone, a token for an identity not
 * shared, the unlock prompt, and a disconnect while requests wait. (Tokens, proofs, new identities and
 * the queue limit: firefox/approvals.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startDappServer, type DappServer } from '../../dapp/server';
import {
  approvalWindow,
  badgeText,
  clickButton,
  fillField,
  noApprovalWindow,
  openApprovalPages,
  setCheckbox,
  textOf,
  waitForText,
} from '../../support/approval-window-firefox';
import { connectedPage } from '../../support/connected-site-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { requestOutcome, sigilRequest, startRequest } from '../../support/page-requests';
import { captureFirefox } from '../../support/screenshots';
import { setUpWallet, TEST_PASSWORD, type TestWallet } from '../../support/test-wallet';
import { scriptable, type ScriptablePage } from '../../support/ui-messages';

type Token = { token: string; expiresAt: number };

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

/** A page of a fresh origin (so no decision of another test, nor its cooldown, applies to it). */
async function freshOrigin(): Promise<string> {
  const server = await startDappServer();
  servers.push(server);
  return server.origin;
}
/** A page of a fresh origin, connected with every identity shared. */
async function connectedSite(): Promise<{ page: ScriptablePage; origin: string }> {
  const origin = await freshOrigin();
  return { page: scriptable(await connectedPage(firefox, origin)), origin };
}

test.describe('the approval window (Firefox)', () => {
  test('each kind of request shows what it is about, with its own approve button (light and dark screens saved)', async () => {
    const site = await connectedSite();
    const identity = await sigilRequest<{ data: { active_keys: { key: string; priority: number }[] } }>(site.page, 'sigil_identity', { did: wallet.user.did });
    const p1 = identity.ok ? identity.result.data.active_keys.find((k) => k.priority === 1)!.key : '';
    const handles = [
      await startRequest(site.page, 'sigil_authToken', { user: wallet.user.did, audience: 'https://api.example.org', durationSeconds: 3600 }),
      await startRequest(site.page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.twin.did, proofType: 'generic' }),
      await startRequest(site.page, 'sigil_createIdentity', { kind: 'twin', label: 'Boiler 2', names: ['boiler-2'] }),
      await startRequest(site.page, 'sigil_replaceKey', { did: wallet.user.did, oldPublicKey: p1 }),
    ];
    const approval = await approvalWindow(firefox.browser);
    await approval.setViewport({ width: 440, height: 700 });
    await approval.waitForFunction(() => document.querySelector('[data-testid="queue-position"]')?.textContent?.trim() === 'Request 1 of 4', { timeout: 15_000 });
    const kinds = [
      { list: 'Token', method: 'sigil_authToken', approve: 'Sign token', screen: 'approval-token-other-audience' },
      { list: 'Delegation proof', method: 'sigil_delegationProof', approve: 'Sign proof', screen: 'approval-delegation-proof' },
      { list: 'New identity', method: 'sigil_createIdentity', approve: 'Create identity', screen: 'approval-create-identity' },
      { list: 'Key replacement', method: 'sigil_replaceKey', approve: 'Replace key', screen: 'approval-replace-key' },
    ];
    for (const kind of kinds) {
      await clickButton(approval, `${kind.list} · ${site.origin}`);
      await approval.waitForSelector(`[data-testid="approval-request"][data-method="${kind.method}"]`);
      expect((await textOf(approval, '[data-testid="request-origin"]')).trim()).toBe(site.origin);
      expect((await textOf(approval, '.asks')).trim()).not.toBe('');
      // Each kind has its own approve button, armed once it has been on screen long enough, and Reject.
      await approval.waitForFunction(
        (label: string) => {
          const approve = document.querySelector<HTMLButtonElement>('[data-testid="approve"]');
          const reject = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Reject');
          return approve?.textContent?.trim() === label && !approve.disabled && reject !== undefined && !reject.disabled;
        },
        { timeout: 15_000 },
        kind.approve,
      );
      await captureFirefox(approval, kind.screen);
    }
    await approval.close();
    for (const handle of handles) expect(await requestOutcome(site.page, handle)).toMatchObject({ ok: false, code: 4001 });
  });

  test('the approval window works from the keyboard alone, with a visible focus', async () => {
    const page = scriptable(await firefox.openDapp(await freshOrigin()));
    const pending = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(firefox.browser);
    await captureFirefox(approval, 'approval-connect');
    const focused = () =>
      approval.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const label = element.closest('label')?.textContent ?? (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null);
        return {
          testId: element.dataset.testid ?? null,
          name: (label ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
          type: (element as HTMLInputElement).type ?? null,
          ring: getComputedStyle(element).outlineStyle !== 'none',
        };
      });
    // Focus starts on the requesting origin, then follows the reading order.
    await approval.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'request-origin', { timeout: 10_000 });
    await approval.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ type: 'checkbox', name: expect.stringContaining('Alice'), ring: true });
    // Tab on to the Agent's box and tick it with Space.
    for (let i = 0; i < 5 && !(await focused()).name.includes("Alice's agent"); i++) await approval.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ type: 'checkbox', name: expect.stringContaining("Alice's agent") });
    if (!(await approval.evaluate(() => (document.activeElement as HTMLInputElement).checked))) await approval.keyboard.press('Space');
    // The safe choices come before the approve button, which takes focus only once it is armed.
    for (let i = 0; i < 8 && (await focused()).name !== 'Not now'; i++) await approval.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ name: 'Not now', ring: true });
    await approval.waitForSelector('[data-testid="approve"][data-armed="true"]');
    for (let i = 0; i < 4 && (await focused()).testId !== 'approve'; i++) await approval.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ testId: 'approve', name: 'Connect', ring: true });
    // Approving the last request closes the window, possibly before the key press reports back.
    await approval.keyboard.press('Enter').catch(() => undefined);
    expect(await requestOutcome(page, pending)).toMatchObject({
      ok: true,
      result: { entities: expect.arrayContaining([expect.objectContaining({ did: wallet.user.did }), expect.objectContaining({ did: wallet.agent.did })]) },
    });
    await noApprovalWindow(firefox.browser);
  });

  test('a token for an identity that is not shared is refused with 4100, and bad params with -32602', async () => {
    const page = scriptable(await firefox.openDapp(await freshOrigin()));
    const pending = await startRequest(page, 'sigil_connect', { kinds: ['twin'] });
    const approval = await approvalWindow(firefox.browser);
    await setCheckbox(approval, 'Pump 7', true);
    await clickButton(approval, 'Connect');
    await requestOutcome(page, pending);
    await noApprovalWindow(firefox.browser);
    expect(await sigilRequest(page, 'sigil_authToken', { user: wallet.user.did })).toEqual({
      ok: false,
      code: 4100,
      message: 'This identity is not shared with this site.',
    });
    expect(await sigilRequest(page, 'sigil_authToken', { user: wallet.user.did, durationSeconds: 0 })).toEqual({
      ok: false,
      code: -32602,
      message: 'durationSeconds must be an integer from 1 to 86400.',
    });
    expect(await openApprovalPages(firefox.browser)).toHaveLength(0);
  });
});

test.describe('the unlock prompt and the queue (Firefox)', () => {
  test('while locked, a granted token waits for the unlock and is then issued without a prompt', async () => {
    const site = await connectedSite();
    const pending = await startRequest(site.page, 'sigil_authToken', { user: wallet.user.did });
    const approval = await approvalWindow(firefox.browser);
    await setCheckbox(approval, 'without asking me', true);
    await clickButton(approval, 'Sign token');
    await requestOutcome(site.page, pending);
    await noApprovalWindow(firefox.browser);

    await wallet.ui.call('ui_lock', undefined);
    const waiting = await startRequest(site.page, 'sigil_authToken', { user: wallet.user.did });
    const unlock = await approvalWindow(firefox.browser);
    await unlock.waitForSelector('[data-testid="approval-unlock"]');
    expect((await textOf(unlock, '[data-testid="waiting-origins"]')).trim()).toBe(site.origin);
    await expect.poll(() => badgeText(host)).toBe('1');
    await captureFirefox(unlock, 'approval-unlock');
    await fillField(unlock, 'Password', TEST_PASSWORD);
    await clickButton(unlock, 'Unlock');
    expect(await requestOutcome<Token>(site.page, waiting)).toMatchObject({ ok: true, result: { token: expect.any(String) } });
    await noApprovalWindow(firefox.browser);
  });

  test('closing the unlock prompt turns the waiting request down', async () => {
    const site = await connectedSite();
    await wallet.ui.call('ui_lock', undefined);
    const waiting = await startRequest(site.page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.user.did });
    const unlock = await approvalWindow(firefox.browser);
    await unlock.waitForSelector('[data-testid="approval-unlock"]');
    await unlock.close();
    expect(await requestOutcome(site.page, waiting)).toEqual({ ok: false, code: 4001, message: 'Sigil was closed without being unlocked.' });
    await wallet.ui.call('ui_unlock', { password: TEST_PASSWORD });
  });

  test("disconnecting a site turns down its waiting requests; other sites' stay", async () => {
    const site = await connectedSite();
    const otherOrigin = await freshOrigin();
    const other = scriptable(await firefox.openDapp(otherOrigin));
    const proof = await startRequest(site.page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.user.did });
    const approval = await approvalWindow(firefox.browser);
    const otherConnect = await startRequest(other, 'sigil_connect');
    await waitForText(approval, 'Request 1 of 2');
    await wallet.ui.call('ui_revokeSite', { origin: site.origin });
    expect(await requestOutcome(site.page, proof)).toEqual({ ok: false, code: 4001, message: 'The site was disconnected from Sigil.' });
    await approval.waitForFunction((origin: string) => document.querySelector('[data-testid="request-origin"]')?.textContent?.trim() === origin, { timeout: 15_000 }, otherOrigin);
    await clickButton(approval, 'Connect');
    expect(await requestOutcome(other, otherConnect)).toMatchObject({ ok: true });
  });
});
