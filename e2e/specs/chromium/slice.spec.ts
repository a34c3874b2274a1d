import { expect, test } from '../../support/chromium';

test.describe('wiring: page → content script → background → page (Chromium)', () => {
  test('window.sigil is announced and answers with the origin the browser reported', async ({ openDapp, dapp }) => {
    const page = await openDapp();
    await expect(page.locator('#provider-status')).toHaveText('Sigil is installed.');
    const reply = await page.evaluate(() => window.sigil.request({ method: 'sigil_ping' }));
    expect(reply).toEqual({ origin: dapp.origin, version: '0.1.0' });
  });

  test('the demo page shows the ping result after a click', async ({ openDapp, dapp }) => {
    const page = await openDapp();
    await page.getByRole('button', { name: 'Ping Sigil' }).click();
    await expect(page.locator('#output')).toContainText(`"origin": "${dapp.origin}"`);
  });

  test('an unknown method is refused with 4200 and bad params with -32602', async ({ openDapp }) => {
    const page = await openDapp();
    const unknown = await page.evaluate(() =>
      window.sigil.request({ method: 'eth_sendTransaction' }).catch((e: { code: number; message: string }) => ({ code: e.code, message: e.message })),
    );
    expect(unknown).toEqual({ code: 4200, message: 'Sigil does not support the method "eth_sendTransaction".' });
    const bad = await page.evaluate(() =>
      window.sigil
        .request({ method: 'sigil_ping', params: { origin: 'https://evil.example' } })
        .then(() => null, (e: { code: number; message: string }) => ({ code: e.code, message: e.message })),
    );
    expect(bad).toEqual({ code: -32602, message: 'params must be empty: this method takes no parameters.' });
  });

  test('a request after the service worker was force-stopped still succeeds', async ({ openDapp, dapp, stopServiceWorker }) => {
    const page = await openDapp();
    expect(await page.evaluate(() => window.sigil.request({ method: 'sigil_ping' }))).toMatchObject({ origin: dapp.origin });
    await stopServiceWorker();
    expect(await page.evaluate(() => window.sigil.request({ method: 'sigil_ping' }))).toMatchObject({ origin: dapp.origin });
  });

  test('twenty concurrent requests right after a stop are each answered', async ({ openDapp, dapp, stopServiceWorker }) => {
    const page = await openDapp();
    await page.evaluate(() => window.sigil.request({ method: 'sigil_ping' }));
    await stopServiceWorker();
    const replies = await page.evaluate(() => Promise.all(Array.from({ length: 20 }, () => window.sigil.request({ method: 'sigil_ping' }))));
    expect(replies).toHaveLength(20);
    for (const reply of replies) expect(reply).toMatchObject({ origin: dapp.origin });
  });

  test('the popup opens and renders its first screen', async ({ openExtensionPage }) => {
    const popup = await openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 360, height: 600 });
    await expect(popup.getByRole('heading', { name: 'Welcome to Sigil' })).toBeVisible();
  });
});
