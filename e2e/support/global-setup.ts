import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths';

/** Builds the extension when the tests are run on their own (npm test builds before running them). */
export default async function globalSetup(): Promise<void> {
  if (existsSync(resolve(REPO_ROOT, 'dist/chrome/manifest.json')) && existsSync(resolve(REPO_ROOT, 'dist/firefox/manifest.json'))) return;
  const { buildExtension } = (await import(resolve(REPO_ROOT, 'scripts/build.mjs'))) as { buildExtension: (o: { quiet: boolean }) => Promise<unknown> };
  await buildExtension({ quiet: true });
}
