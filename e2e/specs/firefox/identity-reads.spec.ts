/**
 * The Factom-shaped reads a connected site may make (DESIGN.md §3), as in Chromium
 * (e2e/support/identity-reads.ts): only for identities shared with that origin.
 */
import { test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startDappServer, type DappServer } from '../../dapp/server';
import { connectedPage } from '../../support/connected-site-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { expectFactomReads, expectReadsAfterReplacement, expectReadsRefused } from '../../support/identity-reads';
import { setUpWallet, type TestWallet } from '../../support/test-wallet';
import { scriptable } from '../../support/ui-messages';

// One browser, one wallet and one connected site for the file.
let firefox: FirefoxSession;
let dapp: DappServer;
let otherSite: DappServer;
let wallet: TestWallet;
let site: Page;

test.beforeAll(async () => {
  [dapp, otherSite] = await Promise.all([startDappServer(), startDappServer()]);
  firefox = await launchFirefox();
  wallet = await setUpWallet(scriptable(await firefox.openExtensionPage('popup.html', '.app')));
  site = await connectedPage(firefox, dapp.origin);
});
test.afterAll(async () => {
  await firefox?.close();
  await dapp?.close();
  await otherSite?.close();
});

test('identity, keys and key in the Factom shapes; document with its token', async () => {
  await expectFactomReads(scriptable(site), wallet.ui, wallet.user.did);
});

test('after a key replacement the reads show the retired key with its heights', async () => {
  await expectReadsAfterReplacement(scriptable(site), wallet.ui, wallet.agent.did);
});

test('reads of an identity not shared with the site, or from another origin, are refused with 4100', async () => {
  const other = await firefox.openDapp(otherSite.origin);
  await expectReadsRefused(scriptable(site), scriptable(other), wallet.ui, wallet.user.did);
});
