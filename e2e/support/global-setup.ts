import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, REPO_ROOT } from './paths';

/** Builds the extension when the tests are run on their own (npm test builds before running them). */
export default async function globalSetup(): Promise<void> {
  if (existsSync(resolve(CHROME_EXTENSION_DIR, 'manifest.json')) && existsSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'))) return;
  const { buildExtension } = (await import(resolve(REPO_ROOT, 'scripts/build.mjs'))) as { buildExtension: (o: { quiet: boolean }) => Promise<unknown> };
  await buildExtension({ quiet: true });
}
