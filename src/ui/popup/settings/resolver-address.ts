/** Checking a resolver address the person typed, and asking the browser for access to it. */
import browser from 'webextension-polyfill';
import { resolverHostPattern } from '../../../shared/ui-api/registration';

export function urlProblem(url: string): string | null {
  if (url === '') return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'The address must start with https:// or http://.';
    return null;
  } catch {
    return 'This is not a web address, e.g. https://resolver.example.com.';
  }
}

/**
 * Asks the browser for access to the resolver's host, so that the background reaches it without
 * depending on its CORS headers. Must be called synchronously in a click or submit handler: the
 * browser (Firefox strictly) only shows the request during a user gesture.
 */
export function askHostAccess(url: string): Promise<boolean> {
  const pattern = resolverHostPattern(url);
  if (!pattern) return Promise.resolve(true);
  return browser.permissions.request({ origins: [pattern] }).catch(() => false);
}
