/**
 * Issue 12 items 4, 8 and 10 (last part), as a flooding or embedding page would try them (Chromium):
 * re-asking on every refusal, iframes that ask and vanish, "Block this site" on any request, many
 * origins at once, the caps while locked, and the approval naming the page that embeds the site.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { PENDING_LIMIT_PER_ORIGIN } from '../../../src/background/approvals';
import { PENDING_LIMIT_TOTAL } from '../../../src/background/approvals/errors';
import { approvalWindow, badgeText, openApprovalWindows } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { connectedSite } from '../../support/connected-site-chromium';
import { requestOutcome, sigilRequest, startRequest, type PageOutcome } from '../../support/page-requests';
import { addFrames, askAndVanish, reaskOnRefusal } from '../../support/security-flood';
import { setUpWallet } from '../../support/test-wallet';

/** Counts the approval windows Sigil opens from now on. */
function countWindowsOpened(context: BrowserContext): { readonly count: number } {
  const counter = { count: 0 };
  context.on('page', (page) => {
    void page.waitForURL(/\/approve\.html$/, { timeout: 10_000 }).then(
      () => (counter.count += 1),
      () => undefined,
    );
  });
  return counter;
}

const framesAt = (page: Page, pathSuffix: string): Frame[] => page.frames().filter((frame) => frame.url().endsWith(pathSuffix));

test.describe('Sigil resists a flooding page (Chromium)', () => {
  test('a page that re-asks on every 4001 gets one window; after the person closes it, 4001 at once for 5 s', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const opened = countWindowsOpened(context);
    const params = { agent: site.agent.did, delegator: site.twin.did };
    const loop = reaskOnRefusal(site.page, 'sigil_delegationProof', params, 3_000);
    // The person closes the window as soon as it shows.
    await (await approvalWindow(context)).close();
    const { attempts, codes, lastMessage } = await loop;
    expect(attempts).toBeGreaterThan(5);
    expect(codes.every((code) => code === 4001)).toBe(true);
    expect(lastMessage).toContain('does not show its requests again for');
    expect(opened.count).toBe(1);
    expect(openApprovalWindows(context)).toHaveLength(0);
  });

  test('an iframe that asks and vanishes, five times, opens the window once', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const opened = countWindowsOpened(context);
    const codes = await askAndVanish(site.page, 5, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did });
    // The first ask waited until its frame went away; the four others were refused at once.
    expect(codes).toEqual([0, 4001, 4001, 4001, 4001]);
    expect(opened.count).toBe(1);
  });

  test('"Block this site" on a proof request: the request is refused, the site disconnected and refused from then on', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const pending = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did });
    await (await approvalWindow(context)).getByRole('button', { name: 'Block this site' }).click();
    expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: false, code: 4001, message: expect.stringContaining('blocked this site') });
    expect(await sigilRequest(site.page, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });
    const { sites } = await site.ui.call('ui_sites', undefined);
    expect(sites).toEqual([expect.objectContaining({ origin: site.origin, status: 'rejected' })]);
  });

  test(`${30} subdomains asking at once: ${PENDING_LIMIT_TOTAL} wait, the rest get 4100; the card names the embedding page`, async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const host = await openExtensionPage('popup.html');
    const wallet = await setUpWallet(host);
    const page = await context.newPage();
    await page.goto(dapp.origin);
    await page.waitForFunction(() => 'sigil' in window);
    const port = new URL(dapp.origin).port;
    await addFrames(page, Array.from({ length: 30 }, (_, i) => `http://s${i}.localhost:${port}/sub-${i}`));
    const frames = page.frames().filter((frame) => frame.url().includes('.localhost:'));
    expect(frames).toHaveLength(30);
    await Promise.all(frames.map((frame) => frame.waitForFunction(() => 'sigil' in window)));
    const handles: string[] = [];
    for (const frame of frames) handles.push(await startRequest(frame, 'sigil_connect'));
    await expect.poll(async () => (await wallet.ui.call('ui_pending', undefined)).requests.length).toBe(PENDING_LIMIT_TOTAL);
    const refused = (await Promise.all(
      frames.map((frame, i) => Promise.race([requestOutcome(frame, handles[i]!), new Promise<null>((done) => setTimeout(() => done(null), 2_000))])),
    )).filter((outcome): outcome is PageOutcome => outcome !== null);
    expect(refused).toHaveLength(30 - PENDING_LIMIT_TOTAL);
    for (const outcome of refused)
      expect(outcome).toEqual({ ok: false, code: 4100, message: expect.stringContaining(`${PENDING_LIMIT_TOTAL} requests waiting`) });

    // Each of those is a framed site: the card says which page embeds it.
    const approval = await approvalWindow(context);
    await expect(approval.getByTestId('request-origin')).toHaveText(/^http:\/\/s\d+\.localhost:\d+$/);
    await expect(approval.getByTestId('embedded-in')).toContainText(`Asked from inside ${dapp.origin}`);
  });

  test('while locked, one site cannot queue more than the per-site cap behind the unlock form', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    await site.ui.call('ui_lock', undefined);
    const count = PENDING_LIMIT_PER_ORIGIN + 5;
    await addFrames(site.page, Array.from({ length: count }, (_, i) => `/locked-${i}`));
    const frames = framesAt(site.page, '').filter((frame) => /\/locked-\d+$/.test(frame.url()));
    await Promise.all(frames.map((frame) => frame.waitForFunction(() => 'sigil' in window)));
    const handles: string[] = [];
    for (const frame of frames) handles.push(await startRequest(frame, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did }));
    await expect.poll(() => badgeText(site.host)).toBe(String(PENDING_LIMIT_PER_ORIGIN));
    const refused = (await Promise.all(
      frames.map((frame, i) => Promise.race([requestOutcome(frame, handles[i]!), new Promise<null>((done) => setTimeout(() => done(null), 2_000))])),
    )).filter((outcome): outcome is PageOutcome => outcome !== null);
    expect(refused).toHaveLength(5);
    for (const outcome of refused) expect(outcome).toMatchObject({ ok: false, code: 4100, message: expect.stringContaining('requests waiting') });
    await expect((await approvalWindow(context)).getByTestId('approval-unlock')).toBeVisible();
  });
});
