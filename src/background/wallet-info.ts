import browser from 'webextension-polyfill';
import type { WalletState } from '../shared/ui-api';

const startedAt = Date.now();

export const backgroundStartedAt = (): number => startedAt;

export const walletVersion = (): string => browser.runtime.getManifest().version;

/** Firefox is the only browser with runtime.getBrowserInfo. */
export const browserName = (): WalletState['browser'] =>
  typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function' ? 'firefox' : 'chrome';
