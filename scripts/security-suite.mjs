#!/usr/bin/env node
// `npm run test:security`: the security suite (e2e/security) on the built extension in Chromium.
// It prints its counts (messages fuzzed, frame kinds, secrets scanned, faults injected, items lost,
// findings) and exits non-zero on any finding. Builds the extension first when it is not built.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/security/playwright.config.ts'], { cwd: root, stdio: 'inherit' });
process.exit(child.status ?? 1);
