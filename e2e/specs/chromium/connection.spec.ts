import type { Page } from '@playwright/test';
import { startDappServer, type DappServer } from '../../dapp/server';
import { approvalWindow, badgeText, openApprovalWindows } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { waitOutCooldown } from '../../support/security-flood';
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
import { readDatabase } from '../../support/ui-messages';
import { stopWorkerOnce } from '../../support/worker-stop-chromium';

const shared = (entity: { did: string; kind: string; label: string }) => ({ did: entity.did, kind: entity.kind, label: entity.label });

let otherSite: DappServer;
test.beforeAll(async () => {
  otherSite = await startDappServer();
});
test.afterAll(async () => {
  await otherSite?.close();
});

/** A wallet with Alice, her agent and a twin, driven from an extension page. */
async function walletIn(openExtensionPage: (path: string) => Promise<Page>): Promise<TestWallet & { host: Page }> {
  const host = await openExtensionPage('popup.html');
  return { host, ...(await setUpWallet(host)) };
}

test.describe('sigil_connect, sigil_entities, sigil_disconnect (Chromium)', () => {
  test('connect asks once; the site sees only the identities the person ticked', async ({ context, openDapp, openExtensionPage, dapp }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    const pending = await startRequest(page, 'sigil_connect');

    const approval = await approvalWindow(context);
    await expect(approval.getByTestId('request-origin')).toHaveText(dapp.origin);
    await expect(approval.getByText('wants to connect to Sigil')).toBeVisible();
    // All three identities are offered, the user first and ticked with the agent that signs for it. Share the twin too, not the agent.
    await expect(approval.getByRole('checkbox')).toHaveCount(3);
    await expect(approval.getByRole('checkbox', { name: /Alice\s*User/ })).toBeChecked();
    await expect(approval.getByRole('checkbox', { name: /Alice's agent/ })).toBeChecked();
    await approval.getByRole('checkbox', { name: /Alice's agent/ }).uncheck();
    await approval.getByRole('checkbox', { name: /Pump 7/ }).check();
    await approval.getByRole('button', { name: 'Connect' }).click();

    const connected = await requestOutcome(page, pending);
    expect(connected).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.twin)] } });
    expect(await sigilRequest(page, 'sigil_entities')).toEqual(connected);
    // Connected: a second connect answers at once, without a window.
    expect(await sigilRequest(page, 'sigil_connect')).toEqual(connected);
    expect(openApprovalWindows(context)).toHaveLength(0);

    const { sites } = await wallet.ui.call('ui_sites', undefined);
    expect(sites).toEqual([
      expect.objectContaining({ origin: dapp.origin, status: 'connected', entities: [shared(wallet.user), shared(wallet.twin)] }),
    ]);
  });

  test('kinds narrows what the prompt offers', async ({ context, openDapp, openExtensionPage }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    const pending = await startRequest(page, 'sigil_connect', { kinds: ['agent'] });
    const approval = await approvalWindow(context);
    await expect(approval.getByRole('checkbox')).toHaveCount(1);
    await expect(approval.getByRole('checkbox', { name: /Alice's agent/ })).toBeChecked();
    await approval.getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, pending)).toEqual({ ok: true, result: { entities: [shared(wallet.agent)] } });
  });

  test('bad connect params are refused before anything is shown', async ({ context, openDapp, openExtensionPage }) => {
    await walletIn(openExtensionPage);
    const page = await openDapp();
    expect(await sigilRequest(page, 'sigil_connect', { kinds: ['wizard'] })).toEqual({
      ok: false,
      code: -32602,
      message: 'params.kinds[0] must be one of user, agent, twin.',
    });
    expect(await sigilRequest(page, 'sigil_connect', { kinds: [] })).toMatchObject({ ok: false, code: -32602 });
    expect(await sigilRequest(page, 'sigil_entities', { all: true })).toMatchObject({ ok: false, code: -32602 });
    expect(openApprovalWindows(context)).toHaveLength(0);
  });

  test('before connecting, sigil_entities is refused with 4100', async ({ openDapp, openExtensionPage }) => {
    await walletIn(openExtensionPage);
    const page = await openDapp();
    expect(await sigilRequest(page, 'sigil_entities')).toEqual({
      ok: false,
      code: 4100,
      message: 'This site is not connected to Sigil. Call sigil_connect first.',
    });
  });
});

test.describe('reject, cancel, close (Chromium)', () => {
  test('"Not now" cancels this time only; "Block this site" is remembered until the site is forgotten', async ({
    context,
    openDapp,
    openExtensionPage,
    dapp,
  }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();

    let pending = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Not now' }).click();
    expect(await requestOutcome(page, pending)).toEqual({ ok: false, code: 4001, message: 'The person cancelled the request.' });
    expect((await wallet.ui.call('ui_sites', undefined)).sites).toEqual([]);
    // The person turned the site down a moment ago: its next request waits out the cooldown (issue 12 item 4).
    await waitOutCooldown();

    // Cancelled, not remembered: the next connect asks again. This time the person blocks the site.
    pending = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Block this site' }).click();
    const blocked = {
      ok: false,
      code: 4001,
      message: 'The person rejected the connection. Sigil refuses this site until they allow it again in Sigil.',
    };
    expect(await requestOutcome(page, pending)).toEqual(blocked);
    // Remembered: refused at once, no window.
    expect(await sigilRequest(page, 'sigil_connect')).toEqual(blocked);
    expect(openApprovalWindows(context)).toHaveLength(0);
    expect((await wallet.ui.call('ui_sites', undefined)).sites).toEqual([
      expect.objectContaining({ origin: dapp.origin, status: 'rejected', entities: [] }),
    ]);
    // A blocked site cannot lift the block itself.
    expect(await sigilRequest(page, 'sigil_disconnect')).toEqual({ ok: true, result: true });
    expect(await sigilRequest(page, 'sigil_connect')).toEqual(blocked);

    // The person forgets the site in the sites list: it may ask again.
    await wallet.ui.call('ui_revokeSite', { origin: dapp.origin });
    // The person turned the site down a moment ago: its next request waits out the cooldown (issue 12 item 4).
    await waitOutCooldown();
    pending = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, pending)).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.agent)] } });
  });

  test('closing the approval window turns down every waiting request with 4001', async ({ context, openDapp, openExtensionPage }) => {
    const wallet = await walletIn(openExtensionPage);
    const first = await openDapp();
    const second = await context.newPage();
    await second.goto(otherSite.origin);
    await second.waitForFunction(() => 'sigil' in window);

    const a = await startRequest(first, 'sigil_connect');
    const approval = await approvalWindow(context);
    const b = await startRequest(second, 'sigil_connect');
    await expect(approval.getByTestId('queue-position')).toHaveText('Request 1 of 2');
    expect(await badgeText(wallet.host)).toBe('2');

    await approval.close();
    const closed = { ok: false, code: 4001, message: 'The approval window was closed; the request was not approved.' };
    expect(await requestOutcome(first, a)).toEqual(closed);
    expect(await requestOutcome(second, b)).toEqual(closed);
    await expect.poll(() => badgeText(wallet.host)).toBe('');
    // Closing is not a rejection: both sites may ask again.
    expect((await wallet.ui.call('ui_sites', undefined)).sites).toEqual([]);
    expect((await wallet.ui.call('ui_pending', undefined)).requests).toEqual([]);
  });

  test('one approval window serves a queue of requests from several sites', async ({ context, openDapp, openExtensionPage, dapp }) => {
    const wallet = await walletIn(openExtensionPage);
    const first = await openDapp();
    const second = await context.newPage();
    await second.goto(otherSite.origin);
    await second.waitForFunction(() => 'sigil' in window);

    const a = await startRequest(first, 'sigil_connect');
    const approval = await approvalWindow(context);
    const b = await startRequest(second, 'sigil_connect', { kinds: ['twin'] });
    await expect(approval.getByTestId('queue-position')).toHaveText('Request 1 of 2');
    expect(openApprovalWindows(context)).toHaveLength(1);
    await expect(approval.getByTestId('pending-count')).toHaveText('2 waiting');

    // The oldest first; the person picks the other one from the list.
    await expect(approval.getByTestId('request-origin')).toHaveText(dapp.origin);
    await approval.getByRole('button', { name: `Connect · ${otherSite.origin}` }).click();
    await expect(approval.getByTestId('request-origin')).toHaveText(otherSite.origin);
    await approval.getByRole('button', { name: 'Connect', exact: true }).click();
    expect(await requestOutcome(second, b)).toEqual({ ok: true, result: { entities: [shared(wallet.twin)] } });
    await expect(approval.getByTestId('request-origin')).toHaveText(dapp.origin);
    await expect(approval.getByTestId('queue-position')).toHaveCount(0);
    await approval.getByRole('button', { name: 'Connect', exact: true }).click();
    expect(await requestOutcome(first, a)).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.agent)] } });
    // Nothing waits any more: Sigil closes the window itself.
    await expect.poll(() => openApprovalWindows(context).length).toBe(0);
  });

  test('a second connect from the same site while one waits gets a clear error', async ({ context, openDapp, openExtensionPage }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    const first = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(context);
    expect(await sigilRequest(page, 'sigil_connect')).toEqual({
      ok: false,
      code: 4100,
      message: 'This site already asked to connect and that request is waiting for the person. Wait for its answer.',
    });
    // The same site in another tab is the same origin: refused as well.
    const otherTab = await openDapp();
    expect(await sigilRequest(otherTab, 'sigil_connect')).toMatchObject({ ok: false, code: 4100 });
    expect((await wallet.ui.call('ui_pending', undefined)).requests).toHaveLength(1);
    await approval.getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, first)).toMatchObject({ ok: true });
  });

  test('a request whose page goes away leaves the queue', async ({ context, openDapp, openExtensionPage, dapp }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    await startRequest(page, 'sigil_connect');
    await approvalWindow(context);
    expect((await wallet.ui.call('ui_pending', undefined)).requests).toEqual([
      expect.objectContaining({ origin: dapp.origin, details: expect.objectContaining({ method: 'sigil_connect' }) }),
    ]);
    await page.goto('about:blank');
    await expect.poll(async () => (await wallet.ui.call('ui_pending', undefined)).requests).toEqual([]);
    await expect.poll(() => openApprovalWindows(context).length).toBe(0);
    expect(await badgeText(wallet.host)).toBe('');
  });
});

test.describe('origins (Chromium)', () => {
  test('a connection belongs to one exact origin: another port, or an iframe of another origin, is not connected', async ({
    context,
    openDapp,
    openExtensionPage,
    dapp,
  }) => {
    await walletIn(openExtensionPage);
    const page = await openDapp();
    const pending = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });

    // Same host, other port: another origin.
    const other = await context.newPage();
    await other.goto(otherSite.origin);
    await other.waitForFunction(() => 'sigil' in window);
    expect(await sigilRequest(other, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });
    expect(await sigilRequest(other, 'sigil_ping')).toMatchObject({ ok: true, result: { origin: otherSite.origin } });

    // An iframe of the other origin inside the connected page speaks for its own origin only.
    await addFrame(page, `${otherSite.origin}/`);
    const frame = page.frames().find((f) => f.url().startsWith(otherSite.origin))!;
    await frame.waitForFunction(() => 'sigil' in window);
    expect(await sigilRequest(frame, 'sigil_ping')).toMatchObject({ ok: true, result: { origin: otherSite.origin } });
    expect(await sigilRequest(frame, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });
    // The connected page itself still sees its entities.
    expect(await sigilRequest(page, 'sigil_entities')).toMatchObject({ ok: true });
    // localhost is not 127.0.0.1 either.
    const byName = await context.newPage();
    await byName.goto(dapp.origin.replace('127.0.0.1', 'localhost'));
    await byName.waitForFunction(() => 'sigil' in window);
    expect(await sigilRequest(byName, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });
  });

  test('a message cannot claim an origin: the browser-reported one is used', async ({ context, openDapp, openExtensionPage, dapp }) => {
    await walletIn(openExtensionPage);
    const page = await openDapp();
    const pending = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    await requestOutcome(page, pending);

    const other = await context.newPage();
    await other.goto(otherSite.origin);
    await other.waitForFunction(() => 'sigil' in window);
    // A hand-made envelope naming the connected origin, posted to the content script directly.
    const forged = await other.evaluate(
      (claimed) =>
        new Promise((resolve) => {
          const id = 'forged-1';
          window.addEventListener('message', (event) => {
            const data = event.data as { channel?: string; id?: string };
            if (data?.channel === 'sigil:content-reply' && data.id === id) resolve(data);
          });
          window.postMessage(
            { channel: 'sigil:page-request', id, method: 'sigil_entities', origin: claimed, sender: { origin: claimed } },
            '*',
          );
        }),
      dapp.origin,
    );
    expect(forged).toMatchObject({ error: { code: 4100 } });
    // Params are validated: an origin there is an unknown parameter.
    expect(await sigilRequest(other, 'sigil_connect', { origin: dapp.origin })).toEqual({
      ok: false,
      code: -32602,
      message: 'params.origin is not a known parameter.',
    });
  });
});

test.describe('events to pages (Chromium)', () => {
  test('lock, unlock, entitiesChanged and disconnect reach connected sites only', async ({
    context,
    openDapp,
    openExtensionPage,
  }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    await recordEvents(page);
    const stranger = await context.newPage();
    await stranger.goto(otherSite.origin);
    await stranger.waitForFunction(() => 'sigil' in window);
    await recordEvents(stranger);
    expect(await sigilRequest(stranger, 'sigil_ping')).toMatchObject({ ok: true });

    const pending = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    await requestOutcome(page, pending);

    await wallet.ui.call('ui_lock', undefined);
    await wallet.ui.call('ui_unlock', { password: TEST_PASSWORD });
    await expect.poll(async () => (await recordedEvents(page)).map((e) => e.event)).toEqual(['entitiesChanged', 'lock', 'unlock']);
    expect((await recordedEvents(page))[0]!.data).toEqual({ entities: [shared(wallet.user), shared(wallet.agent)] });

    await wallet.ui.call('ui_revokeSite', { origin: page.url().replace(/\/$/, '') });
    await expect
      .poll(async () => (await recordedEvents(page)).map((e) => e.event))
      .toEqual(['entitiesChanged', 'lock', 'unlock', 'disconnect']);
    expect(await sigilRequest(page, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });

    // The unconnected site, listening all along, heard nothing (checked after a round trip of its own).
    expect(await sigilRequest(stranger, 'sigil_ping')).toMatchObject({ ok: true });
    expect(await recordedEvents(stranger)).toEqual([]);
  });

  test('sigil_disconnect ends the connection and tells the site', async ({ context, openDapp, openExtensionPage }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    await recordEvents(page);
    const pending = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    await requestOutcome(page, pending);

    expect(await sigilRequest(page, 'sigil_disconnect')).toEqual({ ok: true, result: true });
    await expect.poll(async () => (await recordedEvents(page)).map((e) => e.event)).toContain('disconnect');
    expect(await sigilRequest(page, 'sigil_entities')).toMatchObject({ ok: false, code: 4100 });
    expect((await wallet.ui.call('ui_sites', undefined)).sites).toEqual([]);
    // Disconnected is not blocked: connecting asks again.
    const again = await startRequest(page, 'sigil_connect');
    await (await approvalWindow(context)).getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, again)).toMatchObject({ ok: true });
  });
});

test.describe('a stopped worker, a locked wallet, a flood (Chromium)', () => {
  test('the worker force-stopped twice while the approval is open: the request still completes, once', async ({
    context,
    openDapp,
    openExtensionPage,
    extensionId,
  }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    const pending = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(context);

    await stopWorkerOnce(context, extensionId);
    // The re-sent request finds its queued row: still one request, one window.
    await expect.poll(async () => (await wallet.ui.call('ui_pending', undefined)).requests.length).toBe(1);
    await stopWorkerOnce(context, extensionId);
    await expect.poll(async () => (await wallet.ui.call('ui_pending', undefined)).requests.length).toBe(1);
    expect(openApprovalWindows(context)).toHaveLength(1);

    await approval.getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, pending)).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.agent)] } });
    expect((await wallet.ui.call('ui_pending', undefined)).requests).toEqual([]);
    expect((await wallet.ui.call('ui_sites', undefined)).sites).toHaveLength(1);
  });

  test('a decision taken while no worker waits for the request reaches it when it is re-sent', async ({
    context,
    openDapp,
    openExtensionPage,
    extensionId,
  }) => {
    const wallet = await walletIn(openExtensionPage);
    const page = await openDapp();
    const pending = await startRequest(page, 'sigil_connect');
    const approval = await approvalWindow(context);
    // Pause the page's main thread, so its content script cannot re-send while the worker is stopped.
    const debug = await context.newCDPSession(page);
    await debug.send('Debugger.enable');
    await debug.send('Debugger.pause');
    await stopWorkerOnce(context, extensionId);
    // The click wakes a new worker through the approval page's Port; nobody there waits for the request.
    await approval.getByRole('button', { name: 'Connect' }).click();
    // The decision waits in IndexedDB for the request to come back.
    await expect.poll(async () => JSON.stringify((await readDatabase(wallet.host)).pending)).toContain('\\"decision\\":\\"approve\\"');
    expect((await wallet.ui.call('ui_pending', undefined)).requests).toEqual([]);
    await debug.send('Debugger.resume');
    await debug.detach();
    expect(await requestOutcome(page, pending)).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.agent)] } });
    expect((await readDatabase(wallet.host)).pending).toEqual([]);
  });

  test('after a worker restart the open approval window still shows new requests', async ({
    context,
    openDapp,
    openExtensionPage,
    extensionId,
  }) => {
    await walletIn(openExtensionPage);
    const first = await openDapp();
    const a = await startRequest(first, 'sigil_connect');
    const approval = await approvalWindow(context);
    await stopWorkerOnce(context, extensionId);
    const second = await context.newPage();
    await second.goto(otherSite.origin);
    await second.waitForFunction(() => 'sigil' in window);
    const b = await startRequest(second, 'sigil_connect');
    await expect(approval.getByTestId('queue-position')).toHaveText('Request 1 of 2');
    expect(openApprovalWindows(context)).toHaveLength(1);
    await approval.getByRole('button', { name: 'Connect', exact: true }).click();
    await approval.getByRole('button', { name: 'Connect', exact: true }).click();
    expect(await requestOutcome(first, a)).toMatchObject({ ok: true });
    expect(await requestOutcome(second, b)).toMatchObject({ ok: true });
  });

  test('a request made while Sigil is locked waits for the unlock in the approval window', async ({
    context,
    openDapp,
    openExtensionPage,
  }) => {
    const wallet = await walletIn(openExtensionPage);
    await wallet.ui.call('ui_lock', undefined);
    const page = await openDapp();
    const pending = await startRequest(page, 'sigil_connect');

    const approval = await approvalWindow(context);
    await expect(approval.getByTestId('approval-unlock')).toBeVisible();
    await expect(approval.getByTestId('waiting-origins')).toContainText(page.url().replace(/\/$/, ''));
    await approval.getByLabel('Password', { exact: true }).fill('not my password');
    await approval.getByRole('button', { name: 'Unlock' }).click();
    await expect(approval.getByRole('alert')).toHaveText('Wrong password.');
    await approval.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await approval.getByRole('button', { name: 'Unlock' }).click();

    await approval.getByRole('button', { name: 'Connect' }).click();
    expect(await requestOutcome(page, pending)).toEqual({ ok: true, result: { entities: [shared(wallet.user), shared(wallet.agent)] } });
  });

  test('past the rate limit a site gets a clear error, and every request is answered', async ({ openDapp, openExtensionPage }) => {
    await walletIn(openExtensionPage);
    const page = await openDapp();
    const outcomes = await concurrentRequests(page, 4000, 'sigil_ping');
    expect(outcomes).toHaveLength(4000);
    const limited = outcomes.filter((o) => !o.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(1500);
    for (const outcome of limited)
      expect(outcome).toEqual({ ok: false, code: 4100, message: 'This site sent Sigil too many requests. Wait a moment and try again.' });
  });
});
