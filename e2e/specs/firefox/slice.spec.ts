import { expect, test } from '@playwright/test';
import { startDappServer, type DappServer } from '../../dapp/server';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';

let dapp: DappServer;
let firefox: FirefoxSession;

test.beforeAll(async () => {
  dapp = await startDappServer();
  firefox = await launchFirefox({ backgroundIdleMs: 1000 });
});

test.afterAll(async () => {
  await firefox?.close();
  await dapp?.close();
});

const ping = () => window.sigil.request({ method: 'sigil_ping' });

test.describe('wiring: page → content script → background → page (Firefox)', () => {
  test('window.sigil answers with the origin the browser reported', async () => {
    const page = await firefox.openDapp(dapp.origin);
    expect(await page.evaluate(ping)).toEqual({ origin: dapp.origin, version: '0.1.0' });
    const unknown = await page.evaluate(() =>
      window.sigil.request({ method: 'nope' }).catch((e: { code: number }) => ({ code: e.code })),
    );
    expect(unknown).toEqual({ code: 4200 });
    await page.close();
  });

  test('the popup opens and renders the wallet status', async () => {
    const popup = await firefox.openExtensionPage('popup.html', '[data-testid="wallet-status"]');
    const text = await popup.$eval('[data-testid="wallet-status"]', (el) => el.textContent);
    expect(text).toBe('Sigil 0.1.0 is running in Firefox.');
    await popup.close();
  });

  test('a request after the background was suspended still succeeds', async () => {
    const status = async () => {
      const popup = await firefox.openExtensionPage('popup.html', '[data-testid="wallet-status"]');
      const startedAt = await popup.$eval('[data-testid="wallet-status"]', (el) => el.getAttribute('data-started-at'));
      await popup.close();
      return Number(startedAt);
    };
    const page = await firefox.openDapp(dapp.origin);
    expect(await page.evaluate(ping)).toMatchObject({ origin: dapp.origin });
    const before = await status();
    // With a 1 s idle timeout Firefox suspends the event page; the next request must wake it.
    await new Promise((done) => setTimeout(done, 3000));
    expect(await page.evaluate(ping)).toMatchObject({ origin: dapp.origin });
    const after = await status();
    expect(after).toBeGreaterThan(before);
    await page.close();
  });
});
