/** A dApp page connected to the wallet with every identity the prompt offers shared (Firefox). */
import { expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { approvalWindow, clickButton, noApprovalWindow } from './approval-window-firefox';
import type { FirefoxSession } from './firefox';
import { requestOutcome, startRequest } from './page-requests';
import { scriptable } from './ui-messages';

/** Opens `url`, asks to connect, ticks every identity in the approval window and connects. */
export async function connectedPage(firefox: FirefoxSession, url: string): Promise<Page> {
  const tab = await firefox.openDapp(url);
  const pending = await startRequest(scriptable(tab), 'sigil_connect');
  const approval = await approvalWindow(firefox.browser);
  await approval.evaluate(() => {
    for (const box of document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) if (!box.checked) box.click();
  });
  await clickButton(approval, 'Connect');
  expect(await requestOutcome(scriptable(tab), pending)).toMatchObject({ ok: true });
  await noApprovalWindow(firefox.browser);
  return tab;
}
