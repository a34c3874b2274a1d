import { expect, test } from '@playwright/test';
import { startDappServer, type DappServer } from '../../dapp/server';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { connectUi, QUIET_EXTENSION_PAGE, QUIET_PAGE_READY, scriptable } from '../../support/ui-messages';

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

  test('the popup opens and renders its first screen', async () => {
    const popup = await firefox.openExtensionPage('popup.html', 'h1');
    await popup.waitForFunction(() => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent === 'Welcome to Sigil'));
    await popup.close();
  });

  test('a request after the background was suspended still succeeds', async () => {
    // When the background instance started, asked from a page that holds no Port open afterwards.
    const status = async () => {
      const page = await firefox.openExtensionPage(QUIET_EXTENSION_PAGE, QUIET_PAGE_READY);
      const { backgroundStartedAt } = await (await connectUi(scriptable(page))).call('ui_state', undefined);
      await page.close();
      return backgroundStartedAt;
    };
    const page = await firefox.openDapp(dapp.origin);
    expect(await page.evaluate(ping)).toMatchObject({ origin: dapp.origin });
    const before = await status();
    // With a 1 s idle timeout Firefox suspends the event page; the next request must wake it.
    // Firefox decides when to suspend, so allow it a few idle periods.
    let after = before;
    for (let attempt = 0; attempt < 5 && after === before; attempt += 1) {
      await new Promise((done) => setTimeout(done, 2500));
      expect(await page.evaluate(ping)).toMatchObject({ origin: dapp.origin });
      after = await status();
    }
    expect(after).toBeGreaterThan(before);
    await page.close();
  });
});
