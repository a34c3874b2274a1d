import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** SIGIL_DIST_DIR lets parallel work build and test in its own folder. */
export const DIST_DIR = resolve(REPO_ROOT, process.env.SIGIL_DIST_DIR ?? 'dist');
export const CHROME_EXTENSION_DIR = resolve(DIST_DIR, 'chrome');
export const FIREFOX_EXTENSION_DIR = resolve(DIST_DIR, 'firefox');
export const ARTIFACTS_DIR = resolve(REPO_ROOT, 'e2e/artifacts');
export const CHROMIUM_BINARY = process.env.SIGIL_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_BINARY = process.env.SIGIL_FIREFOX ?? '/usr/bin/firefox-esr';
export const FIREFOX_ADDON_ID = 'sigil@sigil-wallet.dev';
