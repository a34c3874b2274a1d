/**
 * Firefox ESR harness: puppeteer-core over WebDriver BiDi (no geckodriver exists offline), the
 * extension installed as a temporary add-on, its moz-extension UUID pinned by a pref.
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID, FIREFOX_BINARY, FIREFOX_EXTENSION_DIR } from './paths';

export interface FirefoxSession {
  browser: Browser;
  extensionOrigin: string;
  /** Opens an extension page in a new tab; resolves once `readySelector` is in its DOM. */
  openExtensionPage(path: string, readySelector: string): Promise<Page>;
  /** Opens a web page and waits until window.sigil is announced. */
  openDapp(url: string): Promise<Page>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** Idle time after which Firefox suspends the background event page (ms). */
  backgroundIdleMs?: number;
  /** More Firefox prefs (e.g. network.dns.localDomains, to serve a page from a host that is not a secure context). */
  extraPrefs?: Record<string, unknown>;
  /** Another build of the extension to install (e.g. a release build); the build under test when absent. */
  extensionDir?: string;
}

/**
 * A new tab. Firefox's remote agent sometimes loses the context of a tab it is creating while another
 * window (the approval window) opens or closes ("browsingContext.create … browsingContext is null"):
 * that one error is the driver's, not Sigil's, and the tab is asked for once more.
 */
async function newTab(browser: Browser): Promise<Page> {
  try {
    return await browser.newPage();
  } catch (error) {
    if (!String(error).includes('browsingContext is null')) throw error;
    return browser.newPage();
  }
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxSession> {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BINARY,
    headless: true,
    // Firefox 153+: needed to open moz-extension:// pages by URL from the driver.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: uuid }),
      'extensions.background.idle.timeout': options.backgroundIdleMs ?? 30_000,
      ...options.extraPrefs,
    },
  });
  await browser.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
  const extensionOrigin = `moz-extension://${uuid}`;

  return {
    browser,
    extensionOrigin,
    async openExtensionPage(path, readySelector) {
      const page = await newTab(browser);
      // For moz-extension:// URLs the navigation happens but goto never resolves: wait on the DOM.
      page.goto(`${extensionOrigin}/${path}`, { timeout: 60_000 }).catch(() => {});
      // A wait begun on about:blank fails when the navigation replaces the document: wait again.
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await page.waitForSelector(readySelector, { timeout: Math.max(500, deadline - Date.now()) });
          return page;
        } catch (error) {
          if (Date.now() >= deadline) throw error;
          await new Promise((done) => setTimeout(done, 100));
        }
      }
    },
    async openDapp(url) {
      const page = await newTab(browser);
      await page.goto(url);
      await page.waitForFunction(() => 'sigil' in window, { timeout: 15_000 });
      return page;
    },
    close: () => browser.close(),
  };
}
