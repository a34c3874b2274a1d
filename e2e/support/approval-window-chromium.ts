/** The approval window in Chromium (Playwright): the page Sigil opens at approve.html. */
import { expect, type BrowserContext, type Page } from '@playwright/test';

const isApprovalPage = (page: Page): boolean => new URL(page.url()).pathname === '/approve.html' && !page.isClosed();

const READY = '[data-testid="approval-request"], [data-testid="approval-unlock"], [data-testid="nothing-waiting"]';

/**
 * The open approval window, or the next one Sigil opens (a new page's URL may still be about:blank
 * at first). A window Sigil is closing because its queue just emptied is passed over.
 */
export async function approvalWindow(context: BrowserContext): Promise<Page> {
  for (let attempt = 0; ; attempt++) {
    let page: Page | undefined;
    await expect.poll(() => (page = context.pages().find(isApprovalPage)), { timeout: 15_000 }).toBeDefined();
    try {
      await page!.waitForSelector(READY);
      return page!;
    } catch (error) {
      if (!page!.isClosed() || attempt > 2) throw error;
    }
  }
}

export function openApprovalWindows(context: BrowserContext): Page[] {
  return context.pages().filter(isApprovalPage);
}

/** Reads the toolbar badge from an extension page. */
export function badgeText(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(() =>
    (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }).chrome.action.getBadgeText({}),
  );
}
