/** `npm run test:security`: the security suite, on its own (scripts/security-suite.mjs runs it). */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  globalSetup: '../support/global-setup.ts',
  outputDir: process.env.SIGIL_TEST_RESULTS ?? '../../test-results/security',
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  projects: [{ name: 'chromium', testMatch: 'chromium-suite.spec.ts' }],
});
