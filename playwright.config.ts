import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e/specs',
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: process.env.SIGIL_TEST_RESULTS ?? './test-results',
  workers: 1,
  // On CI a test that fails is run once more; one that then passes is counted and reported as flaky.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.SIGIL_PW_JSON ? [['list'], ['json', { outputFile: process.env.SIGIL_PW_JSON }]] : 'list',
  projects: [
    { name: 'chromium', testMatch: 'chromium/**/*.spec.ts' },
    { name: 'firefox', testMatch: 'firefox/**/*.spec.ts' },
  ],
});
