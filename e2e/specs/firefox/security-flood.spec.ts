/**
 * Issue 12 items 4, 8 and 10 (last part), as a flooding or embedding page would try them (Firefox):
 * re-asking on every refusal, iframes that ask and vanish, "Block this site" on any request, many
 * origins at once, the caps while locked, and the approval naming the page that embeds the site.
 */
import { expect, test } from '@playwright/test';
import type { Frame, Page } from 'puppeteer-core';
import { PENDING_LIMIT_PER_ORIGIN } from '../../../src/background/approvals';
import { PENDING_LIMIT_TOTAL } from '../../../src/background/approvals/errors';
import { startDappServer, type DappServer } from '../../dapp/server';
import { approvalWindow, badgeText, clickButton, noApprovalWindow, openApprovalPages, setCheckbox } from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { requestOutcome, sigilRequest, startRequest, type PageOutcome } from '../../support/page-requests';
import { addFrames, askAndVanish, reaskOnRefusal } from '../../support/security-flood';
import { setUpWallet, type TestWallet } from '../../support/test-wallet';
import { scriptable, type ScriptablePage } from '../../support/ui-messages';

const SUBDOMAINS = Array.from({ length: 30 }, (_, i) => `s${i}.localhost`);
let firefox: FirefoxSession;
let wallet: TestWallet;
let extensionPage: Page;
const servers: DappServer[] = [];

test.beforeAll(async () => {
  // The subdomains resolve to this computer (and, being localhost, are secure contexts like the top-level page).
  firefox = await launchFirefox({ extraPrefs: { 'network.dns.localDomains': SUBDOMAINS.join(',') } });
  extensionPage = await firefox.openExtensionPage('popup.html', '.app');
  wallet = await setUpWallet(scriptable(extensionPage));
});

test.afterAll(async () => {
  await firefox?.close();
  for (const server of servers) await server.close();
});

async function newServer(): Promise<DappServer> {
  const server = await startDappServer();
  servers.push(server);
  return server;
}

/** A dApp of a fresh origin, connected with every identity shared. */
async function connectedSite(): Promise<{ tab: Page; page: ScriptablePage; origin: string }> {
  const server = await newServer();
  const tab = await firefox.openDapp(server.origin);
  const page = scriptable(tab);
  const pending = await startRequest(page, 'sigil_connect');
  const approval = await approvalWindow(firefox.browser);
  for (const label of ["Alice's agent", 'Pump 7']) await setCheckbox(approval, label, true);
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });
  await noApprovalWindow(firefox.browser);
  return { tab, page, origin: server.origin };
}

/**
 * Counts the distinct approval windows seen from now on, looking every 50 ms (a window Sigil opens
 * for a request stays open while the request waits, far longer than that).
 */
function countPagesOpened(): { readonly count: number; stop(): void } {
  const seen = new Set<Page>();
  let running = true;
  const watching = (async () => {
    while (running) {
      for (const page of await openApprovalPages(firefox.browser)) seen.add(page);
      await new Promise((done) => setTimeout(done, 50));
    }
  })();
  return {
    get count() {
      return seen.size;
    },
    stop: () => {
      running = false;
      void watching;
    },
  };
}

const proofParams = () => ({ agent: wallet.agent.did, delegator: wallet.twin.did });
const frameScript = (frame: Frame): ScriptablePage => scriptable(frame as unknown as Page);
const outcomeWithin = (page: ScriptablePage, handle: string, ms: number) =>
  Promise.race([requestOutcome(page, handle), new Promise<null>((done) => setTimeout(() => done(null), ms))]);

test.describe('Sigil resists a flooding page (Firefox)', () => {
  test('a page that re-asks on every 4001 gets one window; after the person closes it, 4001 at once for 5 s', async () => {
    const site = await connectedSite();
    const opened = countPagesOpened();
    const loop = reaskOnRefusal(site.page, 'sigil_delegationProof', proofParams(), 3_000);
    await (await approvalWindow(firefox.browser)).close();
    const { attempts, codes, lastMessage } = await loop;
    opened.stop();
    expect(attempts).toBeGreaterThan(5);
    expect(codes.every((code) => code === 4001)).toBe(true);
    expect(lastMessage).toContain('does not show its requests again for');
    expect(opened.count).toBe(1);
    await site.tab.close();
  });

  test('an iframe that asks and vanishes, five times, opens the window once', async () => {
    const site = await connectedSite();
    const opened = countPagesOpened();
    const codes = await askAndVanish(site.page, 5, 'sigil_delegationProof', proofParams());
    opened.stop();
    expect(codes).toEqual([0, 4001, 4001, 4001, 4001]);
    expect(opened.count).toBe(1);
    await noApprovalWindow(firefox.browser);
    await site.tab.close();
  });

  test('"Block this site" on a proof request: the request is refused, the site disconnected and refused from then on', async () => {
    const site = await connectedSite();
    const pending = await startRequest(site.page, 'sigil_delegationProof', proofParams());
    await clickButton(await approvalWindow(firefox.browser), 'Block this site');
    expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: false, code: 4001, message: expect.stringContaining('blocked this site') });
    expect(await sigilRequest(site.page, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });
    const { sites } = await wallet.ui.call('ui_sites', undefined);
    expect(sites).toContainEqual(expect.objectContaining({ origin: site.origin, status: 'rejected' }));
    await noApprovalWindow(firefox.browser);
    await site.tab.close();
  });

  test(`30 subdomains asking at once: ${PENDING_LIMIT_TOTAL} wait, the rest get 4100; the card names the embedding page`, async () => {
    const server = await newServer();
    const tab = await firefox.openDapp(server.origin);
    const port = new URL(server.origin).port;
    await addFrames(scriptable(tab), SUBDOMAINS.map((host, i) => `http://${host}:${port}/sub-${i}`));
    const frames = tab.frames().filter((frame) => frame.url().includes('.localhost:'));
    expect(frames).toHaveLength(30);
    for (const frame of frames) await frame.waitForFunction(() => 'sigil' in window, { timeout: 15_000 });
    const handles: string[] = [];
    for (const frame of frames) handles.push(await startRequest(frameScript(frame), 'sigil_connect'));
    await expect.poll(async () => (await wallet.ui.call('ui_pending', undefined)).requests.length, { timeout: 15_000 }).toBe(PENDING_LIMIT_TOTAL);
    const refused = (await Promise.all(frames.map((frame, i) => outcomeWithin(frameScript(frame), handles[i]!, 2_000)))).filter(
      (outcome): outcome is PageOutcome => outcome !== null,
    );
    expect(refused).toHaveLength(30 - PENDING_LIMIT_TOTAL);
    for (const outcome of refused)
      expect(outcome).toEqual({ ok: false, code: 4100, message: expect.stringContaining(`${PENDING_LIMIT_TOTAL} requests waiting`) });

    const approval = await approvalWindow(firefox.browser);
    const embedded = await approval.$eval('[data-testid="embedded-in"]', (element) => element.textContent ?? '');
    expect(embedded).toContain(`Asked from inside ${server.origin}`);
    await approval.close();
    await noApprovalWindow(firefox.browser);
    await tab.close();
  });

  test('while locked, one site cannot queue more than the per-site cap behind the unlock form', async () => {
    const site = await connectedSite();
    await wallet.ui.call('ui_lock', undefined);
    const count = PENDING_LIMIT_PER_ORIGIN + 5;
    await addFrames(site.page, Array.from({ length: count }, (_, i) => `/locked-${i}`));
    const frames = site.tab.frames().filter((frame) => /\/locked-\d+$/.test(frame.url()));
    expect(frames).toHaveLength(count);
    for (const frame of frames) await frame.waitForFunction(() => 'sigil' in window, { timeout: 15_000 });
    const handles: string[] = [];
    for (const frame of frames) handles.push(await startRequest(frameScript(frame), 'sigil_delegationProof', proofParams()));
    await expect.poll(() => badgeText(extensionPage), { timeout: 15_000 }).toBe(String(PENDING_LIMIT_PER_ORIGIN));
    const refused = (await Promise.all(frames.map((frame, i) => outcomeWithin(frameScript(frame), handles[i]!, 2_000)))).filter(
      (outcome): outcome is PageOutcome => outcome !== null,
    );
    expect(refused).toHaveLength(5);
    for (const outcome of refused) expect(outcome).toMatchObject({ ok: false, code: 4100, message: expect.stringContaining('requests waiting') });
    const approval = await approvalWindow(firefox.browser);
    expect(await approval.$('[data-testid="approval-unlock"]')).not.toBeNull();
  });
});
