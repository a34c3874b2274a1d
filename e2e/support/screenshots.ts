/**
 * Screenshots of Sigil's screens in light and in dark (`prefers-color-scheme`), in both browsers,
 * saved in the test output folder (playwright.config.ts `outputDir`, i.e. SIGIL_TEST_RESULTS) as
 * `<browser>/<screen>-<light|dark>.png`.
 */
import { test } from '@playwright/test';
import type { Page as PlaywrightPage } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PuppeteerPage } from 'puppeteer-core';

export type ScreenBrowser = 'chromium' | 'firefox';
export type ColorScheme = 'light' | 'dark';
export const COLOR_SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

/** Where the running test's screens of `browser` go. */
export function screensDir(browser: ScreenBrowser): string {
  return join(test.info().project.outputDir, browser);
}

/** The file of one screen in one colour scheme. */
export function screenPath(browser: ScreenBrowser, screen: string, scheme: ColorScheme): `${string}.png` {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(screen)) throw new Error(`A screen name is lower-case words joined by "-": "${screen}".`);
  return join(screensDir(browser), `${screen}-${scheme}.png`) as `${string}.png`;
}

/** Every captured screen must fit the width it is shown at: nothing may scroll sideways. */
function assertFitsWidth(screen: string, scrollWidth: number, width: number): void {
  if (width && scrollWidth > width) throw new Error(`The "${screen}" screen is ${scrollWidth} px wide at a ${width} px viewport.`);
}

/** Saves a Playwright (Chromium) page in light and dark through `page.emulateMedia`. */
export async function captureChromium(page: PlaywrightPage, screen: string): Promise<void> {
  mkdirSync(screensDir('chromium'), { recursive: true });
  assertFitsWidth(screen, await page.evaluate(() => document.documentElement.scrollWidth), page.viewportSize()?.width ?? 0);
  for (const colorScheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: screenPath('chromium', screen, colorScheme), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}

/**
 * Saves a puppeteer-core (Firefox) page in light and dark. puppeteer's `page.emulateMediaFeatures`
 * needs CDP ("CDP support is required for this feature") and Firefox ESR's WebDriver BiDi has no
 * colour-scheme command, so the content colour-scheme pref is switched instead (see setFirefoxPref).
 */
export async function captureFirefox(page: PuppeteerPage, screen: string): Promise<void> {
  mkdirSync(screensDir('firefox'), { recursive: true });
  assertFitsWidth(screen, await page.evaluate(() => document.documentElement.scrollWidth), page.viewport()?.width ?? 0);
  for (const scheme of COLOR_SCHEMES) {
    await setFirefoxColorScheme(page, scheme);
    await page.screenshot({ path: screenPath('firefox', screen, scheme), fullPage: true });
  }
  await setFirefoxColorScheme(page, null);
}

/** Saves either browser's page in light and dark. */
export function captureScreen(page: PlaywrightPage | PuppeteerPage, screen: string): Promise<void> {
  return 'emulateMedia' in page ? captureChromium(page, screen) : captureFirefox(page as PuppeteerPage, screen);
}

interface BidiConnection {
  send(method: string, params: unknown): Promise<{ result: { contexts?: { context: string }[] } }>;
}

/**
 * Sets (or with null clears) an integer Firefox pref while Firefox runs, from the browser's own
 * (chrome) context, which `--remote-allow-system-access` opens to WebDriver BiDi.
 */
export async function setFirefoxPref(page: PuppeteerPage, name: string, value: number | null): Promise<void> {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const context = tree.result.contexts![0]!.context;
  const expression = value === null ? `Services.prefs.clearUserPref(${JSON.stringify(name)})` : `Services.prefs.setIntPref(${JSON.stringify(name)}, ${value})`;
  await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: false });
}

/** The content colour scheme: 0 = dark, 1 = light; null clears the override. */
async function setFirefoxColorScheme(page: PuppeteerPage, scheme: ColorScheme | null): Promise<void> {
  await setFirefoxPref(page, 'layout.css.prefers-color-scheme.content-override', scheme === null ? null : scheme === 'dark' ? 0 : 1);
  if (scheme !== null)
    await page.waitForFunction((dark: boolean) => matchMedia('(prefers-color-scheme: dark)').matches === dark, { timeout: 5000 }, scheme === 'dark');
}
