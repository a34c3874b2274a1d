/**
 * The approval window in Firefox (puppeteer-core over BiDi). Extension pages report their URL as
 * about:blank to the driver, so the window is found by asking each page where it is.
 */
import type { Browser, Page } from 'puppeteer-core';

const READY = '[data-testid="approval-request"], [data-testid="approval-unlock"], [data-testid="nothing-waiting"]';

async function isApprovalPage(page: Page): Promise<boolean> {
  try {
    return (await page.evaluate(() => location.pathname)) === '/approve.html';
  } catch {
    return false; // closing or navigating
  }
}

export async function openApprovalPages(browser: Browser): Promise<Page[]> {
  const pages = await browser.pages();
  const found: Page[] = [];
  for (const page of pages) if (await isApprovalPage(page)) found.push(page);
  return found;
}

/** The open approval window, or the next one Sigil opens. */
export async function approvalWindow(browser: Browser, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [page] = await openApprovalPages(browser);
    if (page) {
      await page.waitForSelector(READY, { timeout: 15_000 });
      return page;
    }
    if (Date.now() > deadline) throw new Error('No approval window opened.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until no approval window is open (Sigil closes it when nothing waits). */
export async function noApprovalWindow(browser: Browser, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await openApprovalPages(browser)).length > 0) {
    if (Date.now() > deadline) throw new Error('The approval window stayed open.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks the button whose text is exactly `label` (as a person reads it). */
export async function clickButton(page: Page, label: string): Promise<void> {
  await page.waitForFunction(
    (text) => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === text && !b.disabled),
    { timeout: 15_000 },
    label,
  );
  await page.evaluate((text) => {
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text && !b.disabled)!.click();
  }, label);
}

/** Ticks or unticks the checkbox whose label contains `text`. */
export async function setCheckbox(page: Page, text: string, checked: boolean): Promise<void> {
  await page.evaluate(
    ({ text, checked }) => {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.includes(text));
      const box = label?.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
      if (!box) throw new Error(`no checkbox labelled ${text}`);
      if (box.checked !== checked) box.click();
    },
    { text, checked },
  );
}

/** Types into the input labelled exactly `label`. */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  const id = await page.evaluate((text) => [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)?.htmlFor ?? null, label);
  if (!id) throw new Error(`no field labelled ${label}`);
  await page.type(`[id="${id}"]`, value);
}

export function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => element.textContent ?? '');
}

/** Waits until the page's body text contains `text`. */
export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => document.body.textContent?.includes(wanted), { timeout: 15_000 }, text);
}

/** Reads the toolbar badge from an extension page. */
export function badgeText(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(() =>
    (globalThis as unknown as { browser: { action: { getBadgeText(details: object): Promise<string> } } }).browser.action.getBadgeText({}),
  );
}
