/**
 * Debian Firefox ESR (headless) through puppeteer-core, as the end-to-end tests drive it. Firefox has
 * no "stop the background" command a driver can send: the harness shortens
 * `extensions.background.idle.timeout`, so Firefox suspends the idle event page by itself, and a
 * cold start waits that long. The timeout must still outlast one Argon2id derivation (Firefox
 * suspends an idle event page even while it computes).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildExtension } from '../../scripts/build.mjs';
import { approvalWindow, clickButton, noApprovalWindow, setCheckbox } from '../../e2e/support/approval-window-firefox';
import { launchFirefox } from '../../e2e/support/firefox';
import { requestOutcome, startRequest } from '../../e2e/support/page-requests';
import { FIREFOX_EXTENSION_DIR } from '../../e2e/support/paths';
import { setUpWallet } from '../../e2e/support/test-wallet';
import { QUIET_EXTENSION_PAGE, QUIET_PAGE_READY, scriptable } from '../../e2e/support/ui-messages';
import type { BrowserDriver } from './driver';
import { prepareForTsx } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

export const FIREFOX_IDLE_MS = 5_000;
/** Past the idle timeout, to let Firefox notice and suspend. */
const SUSPEND_MARGIN_MS = 1_500;

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export async function launchFirefoxDriver(): Promise<BrowserDriver> {
  if (!existsSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'))) await buildExtension({ quiet: true });
  const firefox = await launchFirefox({ backgroundIdleMs: FIREFOX_IDLE_MS });
  const servers: SiteServer[] = [];
  try {
    const host = await firefox.openExtensionPage(QUIET_EXTENSION_PAGE, QUIET_PAGE_READY);
    const wallet = await setUpWallet(scriptable(host));
    const version = await firefox.browser.version();

    return {
      name: 'Firefox',
      description: `${version}, headless`,
      stopMethod: `idle suspend: extensions.background.idle.timeout = ${FIREFOX_IDLE_MS} ms, waited ${FIREFOX_IDLE_MS + SUSPEND_MARGIN_MS} ms`,
      wallet,
      async openSite() {
        const server = await startSiteServer();
        servers.push(server);
        const page = scriptable(await firefox.openDapp(server.origin));
        await prepareForTsx(page);
        return { origin: server.origin, page };
      },
      async connect(site) {
        const pending = await startRequest(site.page, 'sigil_connect');
        const approval = await approvalWindow(firefox.browser);
        await approval.waitForSelector('input[type="checkbox"]');
        // One box per call: clicks in one synchronous loop would each see the state before the others.
        const boxes = await approval.evaluate(() => document.querySelectorAll('input[type="checkbox"]').length);
        for (let index = 0; index < boxes; index++) {
          await approval.evaluate((i) => {
            const box = document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[i];
            if (box && !box.checked) box.click();
          }, index);
        }
        const unticked = await approval.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((b) => !b.checked).length);
        if (unticked > 0) throw new Error(`${unticked} identities left unticked in the connection prompt`);
        await clickButton(approval, 'Connect');
        const outcome = await requestOutcome(site.page, pending);
        if (!outcome.ok) throw new Error(`the connection was refused: ${outcome.code} ${outcome.message}`);
        await noApprovalWindow(firefox.browser);
      },
      async grantTokens(site) {
        const pending = await startRequest(site.page, 'sigil_authToken', { user: wallet.user.did });
        const approval = await approvalWindow(firefox.browser);
        await setCheckbox(approval, 'without asking me', true);
        await clickButton(approval, 'Sign token');
        const outcome = await requestOutcome(site.page, pending);
        if (!outcome.ok) throw new Error(`the granted token was refused: ${outcome.code} ${outcome.message}`);
        await noApprovalWindow(firefox.browser);
      },
      stopBackground: () => sleep(FIREFOX_IDLE_MS + SUSPEND_MARGIN_MS),
      async close() {
        await firefox.close();
        for (const server of servers) await server.close();
      },
    };
  } catch (error) {
    await firefox.close();
    for (const server of servers) await server.close();
    throw error;
  }
}
