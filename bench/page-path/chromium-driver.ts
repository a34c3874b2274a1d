/**
 * Debian Chromium (headless) with the built extension, as the end-to-end tests drive it: approvals
 * clicked in the window Sigil opens, the worker stopped through CDP (ServiceWorker.stopAllWorkers).
 */
import { chromium, expect } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildExtension } from '../../scripts/build.mjs';
import { approvalWindow, openApprovalWindows } from '../../e2e/support/approval-window-chromium';
import { connect } from '../../e2e/support/connected-site-chromium';
import { requestOutcome, startRequest } from '../../e2e/support/page-requests';
import { CHROME_EXTENSION_DIR, CHROMIUM_BINARY } from '../../e2e/support/paths';
import { setUpWallet } from '../../e2e/support/test-wallet';
import { QUIET_EXTENSION_PAGE } from '../../e2e/support/ui-messages';
import { stopWorkerOnce } from '../../e2e/support/worker-stop-chromium';
import type { Page } from '@playwright/test';
import type { BenchSite, BrowserDriver } from './driver';
import { prepareForTsx } from './in-page';
import { startSiteServer, type SiteServer } from './site-server';

export async function launchChromiumDriver(): Promise<BrowserDriver> {
  if (!existsSync(resolve(CHROME_EXTENSION_DIR, 'manifest.json'))) await buildExtension({ quiet: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'sigil-bench-page-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_BINARY,
    headless: true,
    args: [`--disable-extensions-except=${CHROME_EXTENSION_DIR}`, `--load-extension=${CHROME_EXTENSION_DIR}`],
  });
  const servers: SiteServer[] = [];
  const pages = new Map<BenchSite, Page>();
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const host = await context.newPage();
    await host.goto(`chrome-extension://${extensionId}/${QUIET_EXTENSION_PAGE}`);
    const wallet = await setUpWallet(host);
    // The user agent says 156.0.0.0 (reduced); CDP has the full version.
    const cdp = await context.newCDPSession(host);
    const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
    await cdp.detach();
    const version = product.replace(/^(Headless)?Chrome\//, '');

    return {
      name: 'Chromium',
      description: `Chromium ${version}, headless`,
      stopMethod: 'CDP ServiceWorker.stopAllWorkers, waited until reported stopped',
      wallet,
      async openSite() {
        const server = await startSiteServer();
        servers.push(server);
        const page = await context.newPage();
        await page.goto(server.origin);
        await page.waitForFunction(() => 'sigil' in window);
        await prepareForTsx(page);
        const site = { origin: server.origin, page };
        pages.set(site, page);
        return site;
      },
      connect: (site) => connect(context, pages.get(site)!),
      async grantTokens(site) {
        const pending = await startRequest(site.page, 'sigil_authToken', { user: wallet.user.did });
        const approval = await approvalWindow(context);
        await approval.getByRole('checkbox', { name: /without asking me/ }).check();
        await approval.getByRole('button', { name: 'Sign token' }).click();
        const outcome = await requestOutcome(site.page, pending);
        if (!outcome.ok) throw new Error(`the granted token was refused: ${outcome.code} ${outcome.message}`);
        await expect.poll(() => openApprovalWindows(context).length).toBe(0);
      },
      async evaluateInBackground<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
        const current = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
        if (!current) throw new Error('the background is not running');
        await current.evaluate(() => void ((globalThis as { __name?: unknown }).__name ??= (target: unknown) => target));
        return (await current.evaluate(fn as never, arg as never)) as R;
      },
      stopBackground: () => stopWorkerOnce(context, extensionId),
      async close() {
        await context.close();
        for (const server of servers) await server.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    for (const server of servers) await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
