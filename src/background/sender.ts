import browser, { type Runtime } from 'webextension-polyfill';

/** Where a page request comes from, as the browser reported it (never from the message). */
export interface PageContext {
  origin: string;
  tabId: number;
  frameId: number;
  /**
   * The origin of the tab's top-level page, from the browser (sender.tab.url; never from a message),
   * or null when the browser did not give it. Left out where there is no tab (tests of the background).
   */
  topOrigin?: string | null;
}

function webOriginOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return WEB_SCHEMES.has(parsed.protocol) && parsed.origin !== 'null' ? parsed.origin : null;
  } catch {
    return null;
  }
}

const WEB_SCHEMES = new Set(['http:', 'https:']);

/**
 * The origin of a content-script Port, or null when the sender is not a web page we serve.
 * Chrome reports `sender.origin`; Firefox reports only `sender.url`, from which the origin follows.
 */
export function pageContextOf(sender: Runtime.MessageSender | undefined): PageContext | null {
  if (!sender || sender.id !== browser.runtime.id || !sender.tab?.id) return null;
  const reported = (sender as { origin?: string }).origin ?? sender.url;
  if (!reported) return null;
  let url: URL;
  try {
    url = new URL(reported);
  } catch {
    return null;
  }
  if (!WEB_SCHEMES.has(url.protocol) || url.origin === 'null') return null;
  return { origin: url.origin, tabId: sender.tab.id, frameId: sender.frameId ?? 0, topOrigin: webOriginOf(sender.tab.url) };
}

/** True for Sigil's own extension pages (popup, approval window), the only senders of UI messages. */
export function isOwnExtensionPage(sender: Runtime.MessageSender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id || !sender.url) return false;
  return sender.url.startsWith(browser.runtime.getURL(''));
}
