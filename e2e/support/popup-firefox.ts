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

/** Waits until `selector` matches exactly `count` elements. */
export async function waitForCount(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction((scope: string, wanted: number) => document.querySelectorAll(scope).length === wanted, { timeout: 10_000 }, selector, count);
}

/** The trimmed texts of every element matching `selector`, in order. */
export const textsOf = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (elements) => elements.map((element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? ''));

/** Ticks the checkbox or radio whose <label> text starts with `text`. */
export async function check(page: Page, text: string): Promise<void> {
  const box = await page.waitForFunction(
    (wanted: string) => {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.replace(/\s+/g, ' ').trim().startsWith(wanted));
      return (label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('input')) ?? null;
    },
    { timeout: 10_000 },
    text,
  );
  await (box as ElementHandle<Element>).click();
}

/**
 * Keeps every file the page saves through a download link (Sigil's downloadTextFile), so a test can
 * read what the person would get: the driver cannot reach Firefox's download folder over BiDi.
 */
export async function recordDownloads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = window as unknown as { __sigilDownloads?: Promise<{ fileName: string; contents: string }>[] };
    if (scope.__sigilDownloads) return;
    const saved: Promise<{ fileName: string; contents: string }>[] = (scope.__sigilDownloads = []);
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) saved.push(fetch(this.href).then(async (response) => ({ fileName: this.download, contents: await response.text() })));
      click.call(this);
    };
  });
}

/** The files saved since recordDownloads, oldest first. */
export function downloads(page: Page): Promise<{ fileName: string; contents: string }[]> {
  return page.evaluate(() => Promise.all((window as unknown as { __sigilDownloads: Promise<{ fileName: string; contents: string }>[] }).__sigilDownloads));
}

/** Picks `path` in the file input labelled `label`, as the file chooser would. */
export async function pickFile(page: Page, label: string, path: string): Promise<void> {
  await ((await field(page, label)) as ElementHandle<HTMLInputElement>).uploadFile(path);
}

/** The text of the focused element, or of its <label>, or its aria-label; and whether it shows a focus ring. */
async function focusedControl(page: Page): Promise<{ name: string; ring: boolean; outline: string } | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    // Nothing, or a screen title focused by the app itself (tabindex -1, no ring by design).
    if (!element || element === document.body || element.tabIndex < 0) return null;
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    const style = getComputedStyle(element);
    return {
      name: (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      outline: `${style.outlineStyle} ${style.outlineWidth}, :focus-visible ${element.matches(':focus-visible')}`,
    };
  });
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until the focused control's text or label matches `name`,
 * checking on the way that every focused control shows a visible focus ring (as tabTo in
 * popup-chromium.ts). Fails when `name` cannot be reached.
 */
export async function tabTo(page: Page, name: string | RegExp, maxPresses = 40, backwards = false): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (backwards) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (backwards) await page.keyboard.up('Shift');
    const focused = await focusedControl(page);
    if (!focused) continue;
    if (!focused.ring) throw new Error(`no visible focus ring on "${focused.name}" (outline ${focused.outline})`);
    if (typeof name === 'string' ? focused.name === name : name.test(focused.name)) return;
  }
  throw new Error(`"${name}" was not reached with Tab`);
}

/** Waits until the screen's title (h1) has the focus, as Sigil moves it when a screen opens. */
export async function waitForFocusedHeading(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted: string) => {
      const element = document.activeElement;
      return element?.tagName === 'H1' && element.textContent?.trim() === wanted;
    },
    { timeout: 10_000 },
    text,
  );
}

/** Waits until the control labelled exactly `label` has the focus. */
export async function waitForFocusedField(page: Page, label: string): Promise<void> {
  await page.waitForFunction(
    (wanted: string) => {
      const element = document.activeElement as HTMLElement | null;
      if (!element?.id) return false;
      return document.querySelector(`label[for="${element.id}"]`)?.textContent?.trim() === wanted;
    },
    { timeout: 10_000 },
    label,
  );
}
