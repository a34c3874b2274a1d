import { expect, test } from '@playwright/test';
import { startDappServer, type DappServer } from '../../dapp/server';
import { openApprovalPages } from '../../support/approval-window-firefox';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { createUserAndAgentByMessages, createWalletByMessages, uiCall } from '../../support/popup';
import { capture, click, openPopup, reload, waitForHeading, waitForText } from '../../support/popup-firefox';
import { scriptable } from '../../support/ui-messages';

// One browser for the file. (An open popup across a suspended event page: firefox/popup.spec.ts.)
let firefox: FirefoxSession;
let dapp: DappServer;

test.beforeAll(async () => {
  dapp = await startDappServer();
  firefox = await launchFirefox();
});
test.afterAll(async () => {
  await firefox?.close();
  await dapp?.close();
});

test.describe('popup: live updates and the first paint (Firefox)', () => {
  test('the page carries a loading frame in its HTML, so the popup never opens blank', async () => {
    const page = await openPopup(firefox);
    const source = await page.evaluate(() => fetch('/popup.html').then((response) => response.text()));
    expect(source).toMatch(/<div id="app"><div class="app"><header class="topbar">/);
    expect(source).toContain('aria-busy="true"');
    await page.close();
  });

  test('another page creating identities, a site asking, and a lock elsewhere all show up without reopening', async () => {
    const popup = await openPopup(firefox);
    await createWalletByMessages(scriptable(popup));
    await reload(popup);
    await popup.waitForSelector('[data-testid="no-entities"]');

    const other = scriptable(await openPopup(firefox, '#/settings'));
    await createUserAndAgentByMessages(other, 'Kim', 'Kim agent');
    await waitForText(popup, 'Kim agent', '[data-testid="entity-groups"]');

    // A site asks to connect: the count appears; Review brings up the one approval window.
    const site = await firefox.openDapp(dapp.origin);
    void site.evaluate(() => window.sigil.request({ method: 'sigil_connect' }).catch(() => null));
    await waitForText(popup, '1 request is waiting for your approval.', '[data-testid="pending-banner"]');
    await capture(popup, 'home-pending');
    await expect.poll(async () => (await openApprovalPages(firefox.browser)).length).toBe(1);
    await click(popup, 'Review');
    await new Promise((done) => setTimeout(done, 300));
    expect(await openApprovalPages(firefox.browser)).toHaveLength(1);
    const [request] = (await uiCall(other, 'ui_pending')).requests;
    await uiCall(other, 'ui_decide', { id: request!.id, decision: 'cancel' });
    await popup.waitForFunction(() => document.querySelector('[data-testid="pending-banner"]') === null, { timeout: 10_000 });

    await uiCall(other, 'ui_lock');
    await waitForHeading(popup, 'Welcome back');
  });
});
