#!/usr/bin/env node
// `npm start`: bootstrap what is missing, then hand over to scripts/start.ts (run by tsx).
import { spawn } from 'node:child_process';
import { BootstrapError, ensureBrowsers, ensureDependencies, root } from './lib/bootstrap.mjs';

try {
  ensureDependencies();
  ensureBrowsers(['chromium']);
} catch (error) {
  if (error instanceof BootstrapError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
