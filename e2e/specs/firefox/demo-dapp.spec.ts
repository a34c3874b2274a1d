/**
 * The demo dApp in Firefox ESR: connect, and a token the page verifies with Sigil's core verifier
 * against the development resolver.
 */
import { expect, test } from '@playwright/test';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { approvalWindow, clickButton, setCheckbox } from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { setUpVectorWallet } from '../../support/identity-wallet';
import { scriptable } from '../../support/ui-messages';
import { startDappServer, type DappServer } from '../../dapp/server';

let resolver: ResolverServer;
let dapp: DappServer;
let firefox: FirefoxSession;

test.beforeAll(async () => {
  resolver = await startResolver();
  dapp = await startDappServer();
  firefox = await launchFirefox();
});
test.afterAll(async () => {
  await firefox?.close();
  await dapp?.close();
  await resolver?.close();
});

test('connect and a token verified by the page itself', async () => {
  const host = scriptable(await firefox.openExtensionPage('popup.html', 'script[type="module"]'));
  const { ui, user, agent } = await setUpVectorWallet(host, { resolverUrl: resolver.url });
  await expect.poll(async () => (await ui.call('ui_entities', undefined)).entities.every((e) => e.stage === 'registered')).toBe(true);

  const page = await firefox.openDapp(`${dapp.origin}/?resolver=${encodeURIComponent(resolver.url)}`);
  await clickButton(page, 'Connect');
  const approval = await approvalWindow(firefox.browser);
  for (const label of ['Alice', "Alice's agent", 'Thermostat']) await setCheckbox(approval, label, true);
  await clickButton(approval, 'Connect');
  await page.waitForFunction(() => document.querySelectorAll('#entity-list li').length === 3, { timeout: 15_000 });

  await page.select('#token-user', user.did);
  await clickButton(page, 'Get a token');
  await clickButton(await approvalWindow(firefox.browser), 'Sign token');
  await page.waitForFunction(() => document.querySelector('#token-verdict')?.textContent !== '', { timeout: 15_000 });
  expect(await page.$eval('#token-verdict', (el) => el.textContent)).toBe(`Verified: ${agent.did}#agent-2-0 acts for ${user.did}`);
});
