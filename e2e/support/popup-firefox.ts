/**
 * Firefox side of the popup specs (puppeteer-core over WebDriver BiDi): the popup at toolbar size
 * and small helpers that find controls the way a person does, by their visible label or text.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import type { FirefoxSession } from './firefox';
import { POPUP_VIEWPORT } from './popup';

export { captureFirefox as capture } from './popup';

export async function openPopup(firefox: FirefoxSession, hash = ''): Promise<Page> {
  const page = await firefox.openExtensionPage(`popup.html${hash}`, '[data-screen]');
  await page.setViewport(POPUP_VIEWPORT);
  return page;
}

/** The control labelled exactly `label` (a <label for>, or aria-label). */
export async function field(page: Page, label: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (text: string) => {
      for (const element of document.querySelectorAll('label')) {
        if (element.textContent?.trim() !== text) continue;
        if (element.htmlFor) return document.getElementById(element.htmlFor);
        return element.querySelector('input, textarea, select');
      }
      return document.querySelector(`[aria-label="${CSS.escape(text)}"]`);
    },
    { timeout: 10_000 },
    label,
  );
  return handle as ElementHandle<Element>;
}

export async function fill(page: Page, label: string, value: string): Promise<void> {
  const input = await field(page, label);
  await input.evaluate((element) => {
    (element as HTMLInputElement).value = '';
  });
  await input.type(value);
}

/** A button or link whose visible text is exactly `text` (or starts with it when `prefix`). */
export async function control(page: Page, text: string, prefix = false): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (wanted: string, startsWith: boolean) =>
      [...document.querySelectorAll('button, a')].find((element) => {
        const own = element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        return startsWith ? own.startsWith(wanted) : own === wanted;
      }) ?? null,
    { timeout: 10_000 },
    text,
    prefix,
  );
  return handle as ElementHandle<Element>;
}

export async function click(page: Page, text: string, prefix = false): Promise<void> {
  await (await control(page, text, prefix)).click();
}

export async function waitForText(page: Page, text: string, selector = 'body'): Promise<void> {
  await page.waitForFunction((wanted: string, scope: string) => document.querySelector(scope)?.textContent?.includes(wanted) ?? false, { timeout: 10_000 }, text, selector);
}

export async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted: string) => document.querySelector('h1')?.textContent?.trim() === wanted, { timeout: 10_000 }, text);
}

export const textOf = (page: Page, selector: string): Promise<string> => page.$eval(selector, (element) => element.textContent?.trim() ?? '');

/** Reloads an extension page (page.reload, like goto, never resolves for moz-extension:// pages). */
export async function reload(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.body.dataset.reloading = 'true';
    location.reload();
  });
  await page.waitForFunction(() => !document.body.dataset.reloading && document.querySelector('[data-screen]') !== null, { timeout: 15_000 });
}

/** Moves the popup to another screen by its hash route. */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((next: string) => {
    location.hash = next;
  }, hash);
}
