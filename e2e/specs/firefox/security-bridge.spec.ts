/**
 * Issue 12, items 7 and 10 (the bridge), as a hostile or unusual page would meet them (Firefox):
 * plain-http sites, sandboxed frames, params a Port cannot carry, and a page flooding the frame registry.
 */
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startDappServer, type DappServer } from '../../dapp/server';
import { approvalWindow, clickButton, noApprovalWindow, setCheckbox } from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { recordedEvents, recordEvents, requestOutcome, startRequest } from '../../support/page-requests';
import { addFrameAt, attemptRequest, floodFrames, frameRegistered, postToContentScript } from '../../support/security-pages';
import { setUpWallet, type TestWallet } from '../../support/test-wallet';
import { scriptable, type ScriptablePage } from '../../support/ui-messages';

/** A host name that is not this computer's, so a page there is not a secure context (Firefox resolves it to loopback). */
const INSECURE_HOST = 'sigil-insecure.test';
const PARAMS_NOT_JSON = 'params must be JSON: objects, arrays, strings, finite numbers, booleans and null.';

let firefox: FirefoxSession;
let host: Page;
let wallet: TestWallet;
const servers: DappServer[] = [];

test.beforeAll(async () => {
  firefox = await launchFirefox({ extraPrefs: { 'network.dns.localDomains': INSECURE_HOST } });
  host = await firefox.openExtensionPage('popup.html', '.app');
  wallet = await setUpWallet(scriptable(host));
});

test.afterAll(async () => {
  await firefox?.close();
  for (const server of servers) await server.close();
});

async function freshServer(): Promise<DappServer> {
  const server = await startDappServer();
  servers.push(server);
  return server;
}

async function connectedSite(): Promise<{ tab: Page; page: ScriptablePage }> {
  const tab = await firefox.openDapp((await freshServer()).origin);
  const page = scriptable(tab);
  const pending = await startRequest(page, 'sigil_connect');
  const approval = await approvalWindow(firefox.browser);
  for (const label of ["Alice's agent", 'Pump 7']) await setCheckbox(approval, label, true);
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });
  await noApprovalWindow(firefox.browser);
  return { tab, page };
}

test.describe('the bridge (Firefox)', () => {
  test('on a plain-http site (not a secure context) window.sigil.request answers instead of throwing', async () => {
    const server = await freshServer();
    const tab = await firefox.openDapp(server.origin.replace('127.0.0.1', INSECURE_HOST));
    const page = scriptable(tab);
    expect(await page.evaluate(() => window.isSecureContext, undefined)).toBe(false);
    expect(await attemptRequest(page, 'sigil_entities')).toEqual({ kind: 'error', code: 4100, message: expect.stringContaining('connect') });
    await tab.close();
  });

  test('a sandboxed frame gets a clear 4100, not silence', async () => {
    const site = await connectedSite();
    await addFrameAt(site.page, '/sandboxed', 'allow-scripts');
    const frame = site.tab.frames().find((f) => f.url().endsWith('/sandboxed'))!;
    await frame.waitForFunction(() => 'sigil' in window, { timeout: 15_000 });
    const inFrame = scriptable(frame as unknown as Page);
    expect(await inFrame.evaluate(() => self.origin, undefined)).toBe('null');
    for (const method of ['sigil_entities', 'sigil_connect']) {
      expect(await attemptRequest(inFrame, method)).toEqual({ kind: 'error', code: 4100, message: expect.stringContaining('sandboxed') });
    }
    expect(await postToContentScript(inFrame, 'sigil_entities', 'undefined')).toMatchObject({ kind: 'error', code: 4100 });
    await site.tab.close();
  });

  test('params a Port cannot carry (BigInt, cycles, functions) get -32602', async () => {
    const tab = await firefox.openDapp((await freshServer()).origin);
    const page = scriptable(tab);
    const notJson = { kind: 'error', code: -32602, message: PARAMS_NOT_JSON };
    for (const params of ['{ limit: 10n }', '(() => { const o = {}; o.o = o; return o; })()', '{ f: () => 1 }', '{ n: NaN }']) {
      expect(await attemptRequest(page, 'sigil_identityKeys', params), params).toEqual(notJson);
    }
    for (const params of ['{ limit: 10n }', '(() => { const o = {}; o.o = o; return o; })()', '[new Date(0)]']) {
      expect(await postToContentScript(page, 'sigil_identityKeys', params), params).toEqual(notJson);
    }
    const answered = await attemptRequest(page, 'sigil_identityKeys', '{ did: "x" }');
    expect(answered).toMatchObject({ kind: 'error', code: -32602 });
    expect((answered as { message: string }).message).not.toBe(PARAMS_NOT_JSON);
    await tab.close();
  });

  test('an unconnected page flooding the frame registry does not stop a connected site getting "lock"', async () => {
    test.setTimeout(300_000);
    const site = await connectedSite();
    await recordEvents(site.page);
    const flooder = scriptable(await firefox.openDapp((await freshServer()).origin));
    expect(await floodFrames(flooder, 520)).toBe(520);
    // A page of a third origin talks to Sigil last: once its frame is registered, the flood was handled.
    const markerOrigin = (await freshServer()).origin;
    await attemptRequest(scriptable(await firefox.openDapp(markerOrigin)), 'sigil_entities');
    await frameRegistered(scriptable(host), markerOrigin);
    await wallet.ui.call('ui_lock', undefined);
    await expect.poll(async () => (await recordedEvents(site.page)).map((e) => e.event), { timeout: 15_000 }).toContain('lock');
  });
});
