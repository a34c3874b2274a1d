/** Chromium side of the popup specs: the popup page at its toolbar size, ready to be driven. */
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './chromium';
import { POPUP_VIEWPORT } from './popup';

export { captureChromium as capture } from './popup';

export async function openPopup(context: BrowserContext, extensionId: string, hash = '', viewport: { width: number; height: number } = POPUP_VIEWPORT): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`chrome-extension://${extensionId}/popup.html${hash}`);
  await expect(page.locator('[data-screen]')).toBeVisible();
  return page;
}

/** Drives the onboarding screens to a new wallet; returns the 24 words the popup showed. */
export async function onboardNewWallet(page: Page, password: string): Promise<string[]> {
  await page.getByRole('button', { name: /Create a new wallet/ }).click();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Reveal the words' }).click();
  const words = await page.getByTestId('recovery-words').locator('li').evaluateAll((items) => items.map((li) => li.lastChild!.textContent!.trim()));
  await page.getByLabel(/I have written down all 24 words/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await answerQuiz(page, words);
  await page.getByRole('button', { name: 'Create wallet' }).click();
  await expect(page.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
  return words;
}

/** Picks the right word in each "Word #n" group of the check screen. */
export async function answerQuiz(page: Page, words: readonly string[]): Promise<void> {
  const groups = page.getByRole('group', { name: /^Word #\d+$/ });
  await expect(groups).toHaveCount(3);
  for (const group of await groups.all()) {
    const position = Number((await group.locator('legend').textContent())!.replace(/\D/g, ''));
    await group.getByRole('radio', { name: words[position - 1]!, exact: true }).check();
  }
}

/**
 * Stops the extension's service worker and resolves once Chromium reported it stopped at least once.
 * (A Sigil page that listens to events reconnects at once, which starts the worker again; so this
 * waits for the stop event rather than for a stopped state that may already be over.)
 */
export async function stopWorkerOnce(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) if (version.scriptURL.includes(extensionId) && version.runningStatus === 'stopped') stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => stopped, { timeout: 10_000 }).toBe(true);
  await cdp.detach();
}

/**
 * Presses Tab until the focused control's text or label matches `name`, checking on the way that
 * every focused control shows a visible focus ring. Fails when `name` cannot be reached.
 */
export async function tabTo(page: Page, name: string | RegExp, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      // Nothing, or a screen title focused by the app itself (tabindex -1, no ring by design).
      if (!element || element === document.body || element.tabIndex < 0) return null;
      const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
      const style = getComputedStyle(element);
      return {
        name: (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!focused) continue;
    expect(focused.ring, `focus ring on "${focused.name}"`).toBe(true);
    if (typeof name === 'string' ? focused.name === name : name.test(focused.name)) return;
  }
  throw new Error(`"${name}" was not reached with Tab`);
}
