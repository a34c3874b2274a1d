/**
 * Issue 12, items 7 and 10 (the bridge), as a hostile or unusual page would meet them (Chromium):
 * plain-http sites, sandboxed frames, params a Port cannot carry, and a page flooding the frame registry.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDappServer, type DappServer } from '../../dapp/server';
import { expect, test as base } from '../../support/chromium';
import { connectedSite } from '../../support/connected-site-chromium';
import { recordedEvents, recordEvents } from '../../support/page-requests';
import { CHROME_EXTENSION_DIR, CHROMIUM_BINARY } from '../../support/paths';
import { addFrameAt, attemptRequest, floodFrames, frameRegistered, postToContentScript } from '../../support/security-pages';

/** A host name that is not this computer's, so a page there is not a secure context (it resolves to 127.0.0.1). */
const INSECURE_HOST = 'sigil-insecure.test';

const test = base.extend({
  context: async ({}, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'sigil-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_BINARY,
      headless: true,
      args: [
        `--disable-extensions-except=${CHROME_EXTENSION_DIR}`,
        `--load-extension=${CHROME_EXTENSION_DIR}`,
        `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`,
      ],
    });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
});

const PARAMS_NOT_JSON = 'params must be JSON: objects, arrays, strings, finite numbers, booleans and null.';

let otherSite: DappServer;
let markerSite: DappServer;
test.beforeAll(async () => {
  otherSite = await startDappServer();
  markerSite = await startDappServer();
});
test.afterAll(async () => {
  await otherSite?.close();
  await markerSite?.close();
});

test.describe('the bridge (Chromium)', () => {
  test('on a plain-http site (not a secure context) window.sigil.request answers instead of throwing', async ({ context, dapp }) => {
    const page = await context.newPage();
    await page.goto(dapp.origin.replace('127.0.0.1', INSECURE_HOST));
    await page.waitForFunction(() => 'sigil' in window);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await attemptRequest(page, 'sigil_entities')).toEqual({
      kind: 'error',
      code: 4100,
      message: expect.stringContaining('connect'),
    });
  });

  test('a sandboxed frame gets a clear 4100, not silence, and cannot act as the origin of its URL', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    await addFrameAt(site.page, '/sandboxed', 'allow-scripts');
    const frame = site.page.frames().find((f) => f.url().endsWith('/sandboxed'))!;
    await frame.waitForFunction(() => 'sigil' in window);
    expect(await frame.evaluate(() => self.origin)).toBe('null');
    for (const method of ['sigil_entities', 'sigil_connect']) {
      expect(await attemptRequest(frame, method)).toEqual({ kind: 'error', code: 4100, message: expect.stringContaining('sandboxed') });
    }
    // The page's own content-script channel says the same to a frame that skips window.sigil.
    expect(await postToContentScript(frame, 'sigil_entities', 'undefined')).toMatchObject({ kind: 'error', code: 4100 });
  });

  test('params a Port cannot carry (BigInt, cycles, functions) get -32602, not "reload"', async ({ context, dapp }) => {
    const page = await context.newPage();
    await page.goto(dapp.origin);
    await page.waitForFunction(() => 'sigil' in window);
    const notJson = { kind: 'error', code: -32602, message: PARAMS_NOT_JSON };
    for (const params of ['{ limit: 10n }', '(() => { const o = {}; o.o = o; return o; })()', '{ f: () => 1 }', '{ n: NaN }']) {
      expect(await attemptRequest(page, 'sigil_identityKeys', params), params).toEqual(notJson);
    }
    // Posted straight to the content script, past window.sigil: the same answer.
    for (const params of ['{ limit: 10n }', '(() => { const o = {}; o.o = o; return o; })()', '[new Date(0)]']) {
      expect(await postToContentScript(page, 'sigil_identityKeys', params), params).toEqual(notJson);
    }
    // JSON params still reach the background, whose own check names the bad param.
    const answered = await attemptRequest(page, 'sigil_identityKeys', '{ did: "x" }');
    expect(answered).toMatchObject({ kind: 'error', code: -32602 });
    expect((answered as { message: string }).message).not.toBe(PARAMS_NOT_JSON);
  });

  test('an unconnected page flooding the frame registry does not stop a connected site getting "lock"', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    test.setTimeout(240_000);
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    await recordEvents(site.page);
    const flooder = await context.newPage();
    await flooder.goto(otherSite.origin);
    await flooder.waitForFunction(() => 'sigil' in window);
    // More frames than the registry holds (500), each talking to Sigil and then removed.
    expect(await floodFrames(flooder, 520)).toBe(520);
    // A page of a third origin talks to Sigil last: once its frame is registered, the flood was handled.
    const marker = await context.newPage();
    await marker.goto(markerSite.origin);
    await marker.waitForFunction(() => 'sigil' in window);
    await attemptRequest(marker, 'sigil_entities');
    await frameRegistered(site.host, markerSite.origin);
    await site.ui.call('ui_lock', undefined);
    await expect.poll(async () => (await recordedEvents(site.page)).map((e) => e.event)).toContain('lock');
  });
});
