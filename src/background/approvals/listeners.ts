import browser from 'webextension-polyfill';
import { onWalletEvent } from '../events';
import { onSiteDisconnected, onUnlocked, onWindowRemoved } from './lifecycle';

/** Call synchronously on the background's first turn: closing the approval window must wake the worker. */
export function registerApprovalListeners(): void {
  browser.windows.onRemoved.addListener((windowId) => {
    onWindowRemoved(windowId).catch(() => undefined);
  });
  onWalletEvent((event) => {
    if (event.type === 'unlock') onUnlocked().catch(() => undefined);
    else if (event.type === 'siteDisconnected') onSiteDisconnected(event.origin).catch(() => undefined);
  });
}
