/** A wallet and a dApp page connected to it with every identity shared (Chromium). */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { approvalWindow, openApprovalWindows } from './approval-window-chromium';
import { requestOutcome, startRequest } from './page-requests';
import { setUpWallet, type TestWallet } from './test-wallet';

export interface ConnectedSite extends TestWallet {
  host: Page;
  page: Page;
  origin: string;
}

/** Connects `page`, ticking every identity the prompt offers, and waits until the window is gone. */
export async function connect(context: BrowserContext, page: Page): Promise<void> {
  const pending = await startRequest(page, 'sigil_connect');
  const approval = await approvalWindow(context);
  for (const box of await approval.getByRole('checkbox').all()) await box.check();
  await approval.getByRole('button', { name: 'Connect' }).click();
  expect(await requestOutcome(page, pending)).toMatchObject({ ok: true });
  await expect.poll(() => openApprovalWindows(context).length).toBe(0);
}

/** A wallet (Alice, her agent, the twin), and a dApp page at `url` connected with all three shared. */
export async function connectedSite(
  context: BrowserContext,
  openExtensionPage: (path: string) => Promise<Page>,
  url: string,
): Promise<ConnectedSite> {
  const host = await openExtensionPage('popup.html');
  const wallet = await setUpWallet(host);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'sigil' in window);
  await connect(context, page);
  return { ...wallet, host, page, origin: new URL(url).origin };
}
