/**
 * Playwright fixtures for Debian Chromium with the built extension: a fresh persistent profile per
 * test, the extension id, the service-worker handle and a helper that force-stops the worker.
 */
import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDappServer, type DappServer } from '../dapp/server';
import { CHROME_EXTENSION_DIR, CHROMIUM_BINARY } from './paths';

export interface ChromiumFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Stops the extension's service worker through CDP and waits until Chromium reports it stopped. */
  stopServiceWorker: () => Promise<void>;
  /** Opens an extension page (e.g. 'popup.html') in a tab. */
  openExtensionPage: (path: string) => Promise<Page>;
  /** Opens a dApp page and waits until window.sigil is announced. */
  openDapp: (path?: string) => Promise<Page>;
}

export const test = base.extend<ChromiumFixtures, { dapp: DappServer }>({
  dapp: [
    async ({}, use) => {
      const server = await startDappServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  context: async ({}, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'sigil-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_BINARY,
      headless: true,
      args: [`--disable-extensions-except=${CHROME_EXTENSION_DIR}`, `--load-extension=${CHROME_EXTENSION_DIR}`],
    });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },

  serviceWorker: async ({ context }, use) => {
    let [worker] = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
    worker ??= await context.waitForEvent('serviceworker');
    await use(worker);
  },

  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },

  stopServiceWorker: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const status = new Map<string, string>();
      cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
        for (const version of event.versions) {
          if (version.scriptURL.includes(extensionId)) status.set(version.versionId, version.runningStatus);
        }
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect
        .poll(() => status.size > 0 && [...status.values()].every((s) => s === 'stopped'), { timeout: 10_000 })
        .toBe(true);
      await cdp.detach();
    });
  },

  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },

  openDapp: async ({ context, dapp }, use) => {
    await use(async (path = '/') => {
      const page = await context.newPage();
      await page.goto(new URL(path, dapp.origin).href);
      await page.waitForFunction(() => 'sigil' in window);
      return page;
    });
  },
});

export { expect };
