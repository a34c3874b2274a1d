import { expect, test } from '../../support/chromium';
import { createUserAndAgentByMessages, createWalletByMessages, uiCall } from '../../support/popup';
import { capture, openPopup, stopWorkerOnce } from '../../support/popup-chromium';

test.describe('popup: live updates and the first paint (Chromium)', () => {
  test('the page carries a loading frame in its HTML, so the popup never opens blank', async ({ context, extensionId }) => {
    const page = await context.newPage();
    const html = await (await page.request.get(`chrome-extension://${extensionId}/popup.html`).catch(() => null))?.text().catch(() => null);
    const source = html ?? (await page.goto(`chrome-extension://${extensionId}/popup.html`).then((r) => r!.text()));
    expect(source).toMatch(/<div id="app"><div class="app"><header class="topbar">/);
    expect(source).toContain('aria-busy="true"');
  });

  test('another page creating identities, a site asking, and a lock elsewhere all show up without reopening', async ({ context, extensionId, openDapp }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await popup.reload();
    await expect(popup.getByTestId('no-entities')).toBeVisible();

    const other = await openPopup(context, extensionId, '#/settings');
    await createUserAndAgentByMessages(other, 'Kim', 'Kim agent');
    await expect(popup.getByRole('region', { name: /Users/ })).toContainText('Kim');

    // A site asks to connect: the count appears; Review brings up the one approval window.
    const site = await openDapp();
    void site.evaluate(() => window.sigil.request({ method: 'sigil_connect' }).catch(() => null));
    await expect(popup.getByTestId('pending-banner')).toContainText('1 request is waiting for your approval.');
    await capture(popup, 'home-pending');
    await expect.poll(() => context.pages().filter((p) => p.url().endsWith('/approve.html')).length).toBe(1);
    await popup.getByRole('button', { name: 'Review' }).click();
    await popup.waitForTimeout(300);
    expect(context.pages().filter((p) => p.url().endsWith('/approve.html'))).toHaveLength(1);
    const [request] = (await uiCall(other, 'ui_pending')).requests;
    await uiCall(other, 'ui_decide', { id: request!.id, decision: 'cancel' });
    await expect(popup.getByTestId('pending-banner')).toHaveCount(0);

    await uiCall(other, 'ui_lock');
    await expect(popup.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  });

  test('after the service worker is stopped, changes still reach an open popup', async ({ context, extensionId }) => {
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    await createUserAndAgentByMessages(popup, 'Lee', 'Lee agent');
    await popup.reload();
    await expect(popup.getByRole('region', { name: /Users/ })).toContainText('Lee');
    await stopWorkerOnce(context, popup, extensionId);
    const other = await openPopup(context, extensionId, '#/settings');
    await uiCall(other, 'ui_createEntity', { kind: 'twin', label: 'Door sensor', keyName: 'door' });
    await expect(popup.getByRole('region', { name: /Twins/ })).toContainText('Door sensor');
  });
});
