/**
 * Unlocking in the running extension: Debian Chromium (headless) with the built extension, a vault
 * created with the default Argon2id parameters (64 MiB, t = 3, p = 1), and `ui_unlock` sent from an
 * extension page over the UI Port, as the popup sends it. One sample = one round trip.
 * Builds the extension first when SIGIL_DIST_DIR (or dist/) has none.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildExtension } from '../scripts/build.mjs';
import { CHROME_EXTENSION_DIR, CHROMIUM_BINARY } from '../e2e/support/paths';
import { connectUi, QUIET_EXTENSION_PAGE, type UiClient } from '../e2e/support/ui-messages';
import type { BenchGroup } from './types';

const PASSWORD = 'correct horse battery';
const SECOND = 1000;

let userDataDir = '';
let context: BrowserContext | null = null;
let ui: UiClient;

const group: BenchGroup = {
  name: 'vault-chromium',
  description: 'ui_unlock round trip from an extension page, Argon2id m = 64 MiB, t = 3, p = 1',
  async setup() {
    if (!existsSync(resolve(CHROME_EXTENSION_DIR, 'manifest.json'))) await buildExtension({ quiet: true });
    userDataDir = mkdtempSync(join(tmpdir(), 'sigil-bench-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_BINARY,
      headless: true,
      args: [`--disable-extensions-except=${CHROME_EXTENSION_DIR}`, `--load-extension=${CHROME_EXTENSION_DIR}`],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/${QUIET_EXTENSION_PAGE}`);
    ui = await connectUi(page);
    await ui.call('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: '00'.repeat(32) } });
    const browserVersion = await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown');
    group.description = `${group.description} (Chromium ${browserVersion}, headless)`;
  },
  cases: [
    {
      name: 'ui_unlock (Chromium)',
      run: () => ui.call('ui_unlock', { password: PASSWORD }),
      runs: 10,
      warmup: 1,
      target: { stat: 'median', ms: 1.5 * SECOND },
    },
    {
      name: 'ui_unlock, wrong password (Chromium)',
      run: () => ui.attempt('ui_unlock', { password: 'not the password' }),
      runs: 3,
      warmup: 0,
    },
    { name: 'ui_state (Chromium, no KDF)', run: () => ui.call('ui_state', undefined), runs: 50 },
  ],
  async teardown() {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  },
};

export default group;
