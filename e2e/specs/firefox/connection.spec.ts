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
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import {
  addFrame,
  concurrentRequests,
  recordedEvents,
  recordEvents,
  requestOutcome,
  sigilRequest,
  startRequest,
} from '../../support/page-requests';
import { setUpWallet, TEST_PASSWORD, type TestWallet } from '../../support/test-wallet';
import { waitOutCooldown } from '../../support/security-flood';
import { connectUi, scriptable, type ScriptablePage, type UiClient } from '../../support/ui-messages';

const shared = (entity: { did: string; kind: string; label: string }) => ({ did: entity.did, kind: entity.kind, label: entity.label });

let firefox: FirefoxSession;
let host: Page;
let wallet: TestWallet;
const sites: DappServer[] = [];

/** A dApp tab, scriptable by the shared helpers. */
type SitePage = ScriptablePage & { tab: Page; origin: string; close(): Promise<void> };
async function openPage(session: FirefoxSession, origin: string): Promise<SitePage> {
  const tab = await session.openDapp(origin);
  return { ...scriptable(tab), tab, origin, close: () => tab.close() };
}

/** A site of its own origin for each test: the wallet is shared by the tests of this file. */
async function newSite(): Promise<DappServer> {
  const site = await startDappServer();
  sites.push(site);
  return site;
}

test.beforeAll(async () => {
  firefox = await launchFirefox();
  host = await firefox.openExtensionPage('popup.html', '.app');
  wallet = await setUpWallet(scriptable(host));
});

test.afterAll(async () => {
  await firefox?.close();
  for (const site of sites) await site.close();
});

test.describe('sigil_connect, sigil_entities, sigil_disconnect (Firefox)', () => {
  test('connect asks once; the site sees only what the person ticked; kinds narrows the offer', async () => {
    const site = await newSite();
    const page = await openPage(firefox, site.origin);
    expect(await sigilRequest(page, 'sigil_entities')).toEqual({
      ok: false,
      code: 4100,
      message: 'This site is not connected to Sigil. Call sigil_connect first.',
    });
    const pending = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(firefox.browser);
    expect(await textOf(approval, '[data-testid="request-origin"]')).toBe(site.origin);
    // The agent that signs for the user comes ticked with it; the person unticks it and ticks the twin.
    await setCheckbox(approval, "Alice's agent", false);
    await setCheckbox(approval, 'Pump 7', true);
    await clickButton(approval, 'Connect');
    const connected = await requestOutcome(page, pending);
    expect(connected).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.twin)] } });
    expect(await sigilRequest(page, 'sigil_entities')).toEqual(connected);
    expect(await sigilRequest(page, 'sigil_connect')).toEqual(connected);
    expect(await openApprovalPages(firefox.browser)).toHaveLength(0);

    const agentsOnly = await openPage(firefox, (await newSite()).origin);
    const narrowed = await startRequest(agentsOnly, 'sigil_connect', { kinds: ['agent'] });
    const second = await approvalWindow(firefox.browser);
    expect(await second.$$eval('input[type="checkbox"]', (boxes) => boxes.length)).toBe(1);
    await clickButton(second, 'Connect');
    expect(await requestOutcome(agentsOnly, narrowed)).toEqual({ ok: true, result: { entities: [shared(wallet.agent)] } });
    expect(await sigilRequest(agentsOnly, 'sigil_connect', { kinds: ['wizard'] })).toMatchObject({ ok: false, code: -32602 });
    await page.close();
    await agentsOnly.close();
  });

  test('"Not now" is forgotten, "Block this site" is remembered until the site is forgotten; disconnect tells the site', async () => {
    const site = await newSite();
    const page = await openPage(firefox, site.origin);
    await recordEvents(page);

    let pending = await startRequest(page, 'sigil_connect');
    await clickButton(await approvalWindow(firefox.browser), 'Not now');
    expect(await requestOutcome(page, pending)).toEqual({ ok: false, code: 4001, message: 'The person cancelled the request.' });
    // The person turned the site down a moment ago: its next request waits out the cooldown (issue 12 item 4).
    await waitOutCooldown();

    pending = await startRequest(page, 'sigil_connect');
    await clickButton(await approvalWindow(firefox.browser), 'Block this site');
    expect(await requestOutcome(page, pending)).toMatchObject({ ok: false, code: 4001 });
    expect(await sigilRequest(page, 'sigil_connect')).toEqual({
      ok: false,
      code: 4001,
      message: 'The person rejected the connection. Sigil refuses this site until they allow it again in Sigil.',
    });
    expect((await wallet.ui.call('ui_sites', undefined)).sites).toContainEqual(
      expect.objectContaining({ origin: site.origin, status: 'rejected' }),
    );

    await wallet.ui.call('ui_revokeSite', { origin: site.origin });
    // The person turned the site down a moment ago: its next request waits out the cooldown (issue 12 item 4).
    await waitOutCooldown();
    pending = await startRequest(page, 'sigil_connect');
    await clickButton(await approvalWindow(firefox.browser), 'Connect');
    expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });

    expect(await sigilRequest(page, 'sigil_disconnect')).toEqual({ ok: true, result: true });
    await expect.poll(async () => (await recordedEvents(page)).map((e) => e.event)).toContain('disconnect');
    expect(await sigilRequest(page, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });
    await page.close();
  });

  test('closing the approval window turns down every waiting request; one connect at a time per site', async () => {
    const first = await openPage(firefox, (await newSite()).origin);
    const second = await openPage(firefox, (await newSite()).origin);
    const a = await startRequest(first, 'sigil_connect');
    const approval = await approvalWindow(firefox.browser);
    const b = await startRequest(second, 'sigil_connect');
    await waitForText(approval, 'Request 1 of 2');
    expect(await badgeText(host)).toBe('2');
    expect(await sigilRequest(first, 'sigil_connect')).toEqual({
      ok: false,
      code: 4100,
      message: 'This site already asked to connect and that request is waiting for the person. Wait for its answer.',
    });
    await approval.close();
    const closed = { ok: false, code: 4001, message: 'The approval window was closed; the request was not approved.' };
    expect(await requestOutcome(first, a)).toEqual(closed);
    expect(await requestOutcome(second, b)).toEqual(closed);
    await expect.poll(() => badgeText(host)).toBe('');
    await first.close();
    await second.close();
  });
});

test.describe('the queue and the rate limit (Firefox)', () => {
  test('one window serves requests from several sites; a request whose page goes away leaves the queue', async () => {
    const first = await openPage(firefox, (await newSite()).origin);
    const second = await openPage(firefox, (await newSite()).origin);
    const a = await startRequest(first, 'sigil_connect');
    const approval = await approvalWindow(firefox.browser);
    await startRequest(second, 'sigil_connect');
    await waitForText(approval, 'Request 1 of 2');
    expect(await openApprovalPages(firefox.browser)).toHaveLength(1);
    // The second page goes away: its request leaves the queue and the list.
    await second.tab.goto('about:blank');
    await expect.poll(async () => (await wallet.ui.call('ui_pending', undefined)).requests.length).toBe(1);
    await approval.waitForFunction(() => !document.querySelector('[data-testid="queue-position"]'));
    await clickButton(approval, 'Connect');
    expect(await requestOutcome(first, a)).toMatchObject({ ok: true });
    await noApprovalWindow(firefox.browser);
    expect(await badgeText(host)).toBe('');
    await first.close();
    await second.close();
  });

  test('past the rate limit a site gets a clear error, and every request is answered', async () => {
    const page = await openPage(firefox, (await newSite()).origin);
    const outcomes = await concurrentRequests(page, 4000, 'sigil_ping');
    expect(outcomes).toHaveLength(4000);
    const limited = outcomes.filter((o) => !o.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(outcomes.length - limited.length).toBeGreaterThanOrEqual(1500);
    for (const outcome of limited)
      expect(outcome).toEqual({ ok: false, code: 4100, message: 'This site sent Sigil too many requests. Wait a moment and try again.' });
    await page.close();
  });
});

test.describe('origins and events (Firefox)', () => {
  test('another origin, or an iframe of one, is not connected; a message cannot claim an origin', async () => {
    const site = await newSite();
    const other = await newSite();
    const page = await openPage(firefox, site.origin);
    const pending = await startRequest(page, 'sigil_connect');
    await clickButton(await approvalWindow(firefox.browser), 'Connect');
    expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });

    const stranger = await openPage(firefox, other.origin);
    expect(await sigilRequest(stranger, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });

    await addFrame(page, `${other.origin}/`);
    const tabFrame = page.tab.frames().find((f) => f.url().startsWith(other.origin))!;
    await tabFrame.waitForFunction(() => 'sigil' in window);
    const frame = scriptable(tabFrame as unknown as Page);
    expect(await sigilRequest(frame, 'sigil_ping')).toMatchObject({ ok: true, result: { origin: other.origin } });
    expect(await sigilRequest(frame, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });

    const forged = await stranger.evaluate(
      (claimed: string) =>
        new Promise((resolve) => {
          window.addEventListener('message', (event) => {
            const data = event.data as { channel?: string; id?: string };
            if (data?.channel === 'sigil:content-reply' && data.id === 'forged-1') resolve(data);
          });
          window.postMessage({ channel: 'sigil:page-request', id: 'forged-1', method: 'sigil_entities', origin: claimed }, '*');
        }),
      site.origin,
    );
    expect(forged).toMatchObject({ error: { code: 4100 } });
    expect(await sigilRequest(stranger, 'sigil_connect', { origin: site.origin })).toEqual({
      ok: false,
      code: -32602,
      message: 'params.origin is not a known parameter.',
    });
    await page.close();
    await stranger.close();
  });

  test('lock and unlock reach connected sites only; a locked request waits for the unlock in the window', async () => {
    const page = await openPage(firefox, (await newSite()).origin);
    await recordEvents(page);
    const stranger = await openPage(firefox, (await newSite()).origin);
    await recordEvents(stranger);
    expect(await sigilRequest(stranger, 'sigil_ping')).toMatchObject({ ok: true });
    const pending = await startRequest(page, 'sigil_connect');
    await clickButton(await approvalWindow(firefox.browser), 'Connect');
    await requestOutcome(page, pending);

    await wallet.ui.call('ui_lock', undefined);
    await expect.poll(async () => (await recordedEvents(page)).map((e) => e.event)).toEqual(['entitiesChanged', 'lock']);

    // Locked: a request from a new site waits; the window asks for the password first.
    const later = await openPage(firefox, (await newSite()).origin);
    const waiting = await startRequest(later, 'sigil_connect');
    const unlock = await approvalWindow(firefox.browser);
    await unlock.waitForSelector('[data-testid="approval-unlock"]');
    await fillField(unlock, 'Password', TEST_PASSWORD);
    await clickButton(unlock, 'Unlock');
    await unlock.waitForSelector('[data-testid="approval-request"]');
    await clickButton(unlock, 'Connect');
    expect(await requestOutcome(later, waiting)).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.agent)] } });

    await expect.poll(async () => (await recordedEvents(page)).map((e) => e.event)).toEqual(['entitiesChanged', 'lock', 'unlock']);
    expect(await sigilRequest(stranger, 'sigil_ping')).toMatchObject({ ok: true });
    expect(await recordedEvents(stranger)).toEqual([]);
    for (const p of [page, stranger, later]) await p.close();
  });
});

test.describe('a suspended background (Firefox)', () => {
  let idle: FirefoxSession;
  let idleUi: UiClient;
  test.beforeAll(async () => {
    // Firefox suspends the event page after 1 s idle here; a wallet would take longer than that to
    // create (Argon2id), so this browser has none: the connection can still be refused.
    idle = await launchFirefox({ backgroundIdleMs: 1000 });
    idleUi = await connectUi(scriptable(await idle.openExtensionPage('popup.html', '.app')));
  });
  test.afterAll(async () => {
    await idle?.close();
  });

  test('the background suspended while the approval is open: the decision still reaches the request, once', async () => {
    const site = await newSite();
    const page = await openPage(idle, site.origin);
    const pending = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(idle.browser);
    const { backgroundStartedAt: before } = await idleUi.call('ui_state', undefined);
    const [queued] = (await idleUi.call('ui_pending', undefined)).requests;
    // Idle for well past the 1 s timeout: Firefox suspends the event page, and the page re-sends its request.
    await expect
      .poll(async () => (await idleUi.call('ui_state', undefined)).backgroundStartedAt, { timeout: 20_000, intervals: [2500] })
      .toBeGreaterThan(before);
    // The same queued request, not one dropped and queued again.
    expect((await idleUi.call('ui_pending', undefined)).requests.map((r) => r.id)).toEqual([queued!.id]);
    expect(await openApprovalPages(idle.browser)).toHaveLength(1);
    await clickButton(approval, 'Block this site');
    expect(await requestOutcome(page, pending)).toMatchObject({ ok: false, code: 4001 });
    expect((await idleUi.call('ui_sites', undefined)).sites).toEqual([expect.objectContaining({ origin: site.origin, status: 'rejected' })]);
    expect((await idleUi.call('ui_pending', undefined)).requests).toEqual([]);
    await noApprovalWindow(idle.browser);
    await page.close();
  });

  test('after the background restarted, the open approval window still shows new requests', async () => {
    const first = await openPage(idle, (await newSite()).origin);
    // Opened before the approval window: the driver would put a new tab into the focused popup window.
    const second = await openPage(idle, (await newSite()).origin);
    const a = await startRequest(first, 'sigil_connect');
    const approval = await approvalWindow(idle.browser);
    const { backgroundStartedAt: before } = await idleUi.call('ui_state', undefined);
    await expect
      .poll(async () => (await idleUi.call('ui_state', undefined)).backgroundStartedAt, { timeout: 20_000, intervals: [2500] })
      .toBeGreaterThan(before);
    const b = await startRequest(second, 'sigil_connect');
    await waitForText(approval, 'Request 1 of 2');
    await clickButton(approval, 'Not now');
    await waitForText(approval, `${second.origin}`);
    await clickButton(approval, 'Not now');
    expect(await requestOutcome(first, a)).toMatchObject({ ok: false, code: 4001 });
    expect(await requestOutcome(second, b)).toMatchObject({ ok: false, code: 4001 });
    await first.close();
    await second.close();
  });
});
