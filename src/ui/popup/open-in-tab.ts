import browser from 'webextension-polyfill';
import { callBackground } from '../background-client';

/** True inside the toolbar popup (not in a tab): a file picker there can close the popup in some browsers. */
export function isInToolbarPopup(): boolean {
  try {
    return browser.extension.getViews({ type: 'popup' }).includes(window);
  } catch {
    return false;
  }
}

/** Opens the popup's page at `hash` in a full tab, and closes the toolbar popup if this is it. */
export async function openInTab(hash: string): Promise<void> {
  const inPopup = isInToolbarPopup();
  await browser.tabs.create({ url: browser.runtime.getURL(`popup.html${hash}`) });
  if (inPopup) window.close();
}

/** Brings Sigil's one approval window to the front; the background opens it if requests wait. */
export async function openApprovalWindow(): Promise<void> {
  await callBackground('ui_showApprovals', undefined);
}
