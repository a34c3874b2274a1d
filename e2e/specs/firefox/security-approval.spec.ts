/**
 * Issue 12, items 2, 3 and 6, as a hostile page would try them (Firefox): typing meant for the page,
 * a click the moment the window opens, and the card under the pointer swapped for another.
 */
import { expect, test } from '@playwright/test';
import type { Frame, Page } from 'puppeteer-core';
import { startDappServer, type DappServer } from '../../dapp/server';
import { approvalWindow, clickButton, noApprovalWindow, setCheckbox, waitForText } from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { requestOutcome, startRequest } from '../../support/page-requests';
import { addFrameAt } from '../../support/security-pages';
import { setUpWallet, type TestWallet } from '../../support/test-wallet';
import { scriptable, type ScriptablePage } from '../../support/ui-messages';

let firefox: FirefoxSession;
let wallet: TestWallet;
const servers: DappServer[] = [];

test.beforeAll(async () => {
  firefox = await launchFirefox();
  wallet = await setUpWallet(scriptable(await firefox.openExtensionPage('popup.html', '.app')));
});

test.afterAll(async () => {
  await firefox?.close();
  for (const server of servers) await server.close();
});

/** A dApp of a fresh origin, connected with every identity shared. */
async function connectedSite(): Promise<{ tab: Page; page: ScriptablePage }> {
  const server = await startDappServer();
  servers.push(server);
  const tab = await firefox.openDapp(server.origin);
  const page = scriptable(tab);
  const pending = await startRequest(page, 'sigil_connect');
  const approval = await approvalWindow(firefox.browser);
  for (const label of ["Alice's agent", 'Pump 7']) await setCheckbox(approval, label, true);
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });
  await noApprovalWindow(firefox.browser);
  return { tab, page };
}

const APPROVE = '[data-testid="approve"]';
const shownRequestId = (approval: Page) => approval.$eval('[data-testid="approval-request"]', (card) => card.getAttribute('data-request-id')!);
const armedState = (approval: Page) => approval.$eval(APPROVE, (button) => button.getAttribute('data-armed'));
const waitArmed = (approval: Page) => approval.waitForSelector(`${APPROVE}[data-armed="true"]`, { timeout: 15_000 });
const focusedTestId = (approval: Page) => approval.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

async function stillWaiting(requestId: string): Promise<boolean> {
  const { requests } = await wallet.ui.call('ui_pending', undefined);
  return requests.some((request) => request.id === requestId);
}

/**
 * The next window Sigil opens, caught as it opens (approvalWindow() asks every page where it is,
 * which can take longer than the arming delay), once its card is rendered.
 */
async function nextWindow(start: () => Promise<unknown>): Promise<Page> {
  const opened = new Promise<Page>((resolve) => firefox.browser.once('targetcreated', (target) => void target.page().then((page) => resolve(page!))));
  await start();
  const page = await opened;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await page.waitForSelector(APPROVE, { timeout: 1_000 });
      return page;
    } catch (error) {
      if (Date.now() > deadline) throw error; // the first wait may have begun on about:blank
    }
  }
}

/** A click at the approve button's place, as a pointer does it, whatever the button's state. */
async function clickAtApprove(approval: Page): Promise<void> {
  // A card taller than the window puts the button below the fold: the person scrolls to it first.
  const button = (await approval.$(APPROVE))!;
  await button.scrollIntoView();
  const box = (await button.boundingBox())!;
  await approval.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test.describe('the approval window resists a hostile page (Firefox)', () => {
  test('typing meant for the page (hi<Tab>you<Space>) does not sign a proof', async () => {
    const site = await connectedSite();
    const pending = await startRequest(site.page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.twin.did });
    const approval = await approvalWindow(firefox.browser);
    expect(await focusedTestId(approval)).toBe('request-origin');
    await approval.keyboard.type('hi');
    await approval.keyboard.press('Tab');
    expect(await focusedTestId(approval)).not.toBe('approve');
    await approval.keyboard.type('you');
    await approval.keyboard.press(' ');
    expect(await requestOutcome(site.page, pending)).toEqual({ ok: false, code: 4001, message: 'The person rejected the request.' });
    await noApprovalWindow(firefox.browser);
    await site.tab.close();
  });

  test('a click before the approve button is armed does not approve; one after it does', async () => {
    const site = await connectedSite();
    let pending = '';
    const approval = await nextWindow(async () => {
      pending = await startRequest(site.page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.twin.did });
    });
    const requestId = await shownRequestId(approval);
    expect(await armedState(approval)).toBe('false');
    await clickAtApprove(approval);
    await approval.keyboard.press('Enter');
    await waitArmed(approval);
    expect(await stillWaiting(requestId)).toBe(true);
    await clickButton(approval, 'Sign proof');
    expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: true, result: { proofType: 'did' } });
    await noApprovalWindow(firefox.browser);
    await site.tab.close();
  });

  test('when the site withdraws the card on screen, the next card says so and re-arms before it can be approved', async () => {
    const site = await connectedSite();
    await addFrameAt(site.page, '/framed-request');
    const frame: Frame = site.tab.frames().find((f) => f.url().endsWith('/framed-request'))!;
    await frame.waitForFunction(() => 'sigil' in window, { timeout: 15_000 });

    await startRequest(scriptable(frame as unknown as Page), 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.user.did });
    const approval = await approvalWindow(firefox.browser);
    const first = await shownRequestId(approval);
    const second = await startRequest(site.page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.twin.did });
    const third = await startRequest(site.page, 'sigil_delegationProof', { agent: wallet.agent.did, delegator: wallet.twin.did, proofType: 'generic' });
    await waitForText(approval, 'Request 1 of 3');
    await waitArmed(approval);
    expect(await approval.$('[data-testid="request-changed"]')).toBeNull();

    await site.page.evaluate(() => document.querySelector('iframe')!.remove(), undefined);
    await approval.waitForFunction(
      (id) => document.querySelector('[data-testid="approval-request"]')?.getAttribute('data-request-id') !== id,
      { timeout: 15_000 },
      first,
    );
    const replacement = await shownRequestId(approval);
    expect(await approval.$('[data-testid="request-changed"]')).not.toBeNull();
    expect(await armedState(approval)).toBe('false');
    await clickAtApprove(approval);
    await waitArmed(approval);
    expect(await stillWaiting(replacement)).toBe(true);

    await clickButton(approval, 'Sign proof');
    expect(await requestOutcome(site.page, second)).toMatchObject({ ok: true, result: { proofType: 'did' } });
    await waitForText(approval, 'Generic');
    expect(await approval.$('[data-testid="request-changed"]')).toBeNull();
    await clickButton(approval, 'Reject');
    expect(await requestOutcome(site.page, third)).toMatchObject({ ok: false, code: 4001 });
    await noApprovalWindow(firefox.browser);
  });
});
