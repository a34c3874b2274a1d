/**
 * Builds Sigil, starts the resolver (SQLite under .cache/resolver), serves the demo dApp on 127.0.0.1 and launches Debian Chromium with Sigil loaded:
 * a window when a display exists, otherwise headless (it then checks the wiring and says how to
 * load the extension by hand). Runs until interrupted.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startDappServer } from '../e2e/dapp/server';
import { startResolver } from '../e2e/resolver/server';
import { CHROME_EXTENSION_DIR, CHROMIUM_BINARY, FIREFOX_EXTENSION_DIR, REPO_ROOT } from '../e2e/support/paths';
import { buildExtension } from './build.mjs';

const DAPP_PORT = Number(process.env.SIGIL_DAPP_PORT ?? 8700);
const RESOLVER_PORT = Number(process.env.SIGIL_RESOLVER_PORT ?? 8701);

await buildExtension({ quiet: true });
console.log(`Built ${CHROME_EXTENSION_DIR} and ${FIREFOX_EXTENSION_DIR}.`);

// The same resolver as `sigil resolver` / `npm run resolver`, on SQLite under .cache/resolver.
const resolverData = resolve(REPO_ROOT, '.cache/resolver');
const resolver = await startResolver({ port: RESOLVER_PORT, dataDir: resolverData });
console.log(`Development resolver: ${resolver.url}, data in ${resolverData} (Sigil's default resolver in development builds)`);
const dapp = await startDappServer(DAPP_PORT);
console.log(`Demo dApp: ${dapp.origin}/`);

const profile = resolve(REPO_ROOT, '.cache/chromium-profile');
mkdirSync(profile, { recursive: true });
const extensionArgs = [`--disable-extensions-except=${CHROME_EXTENSION_DIR}`, `--load-extension=${CHROME_EXTENSION_DIR}`];

if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  const browser = spawn(CHROMIUM_BINARY, [`--user-data-dir=${profile}`, '--no-first-run', ...extensionArgs, `${dapp.origin}/`], {
    stdio: 'ignore',
  });
  console.log(`Chromium is open with Sigil loaded (profile ${profile}). Close it or press Ctrl+C to stop.`);
  browser.on('exit', () => shutdown());
} else {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_BINARY, headless: true, args: extensionArgs });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${dapp.origin}/`);
  await page.waitForFunction(() => 'sigil' in window, undefined, { timeout: 15_000 });
  const reply = await page.evaluate(() => (window as unknown as { sigil: { request(a: object): Promise<unknown> } }).sigil.request({ method: 'sigil_ping' }));
  console.log(`No display found, so Chromium runs headless with Sigil loaded. The demo page asked Sigil: ${JSON.stringify(reply)}`);
  console.log(
    [
      'To use Sigil yourself:',
      `  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick ${CHROME_EXTENSION_DIR}`,
      `  Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…" and pick ${FIREFOX_EXTENSION_DIR}/manifest.json`,
      `  then open ${dapp.origin}/`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  process.on('exit', () => void context.close());
}

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([dapp.close(), resolver.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
