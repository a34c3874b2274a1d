#!/usr/bin/env node
// The `sigil` command: runs the CLI built by scripts/build-node.mjs (npm's `prepare`).
let cli;
try {
  cli = await import('../dist/node/sigil.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/node/sigil.js')) throw error;
  process.stderr.write('sigil: the CLI is not built; run `node scripts/build-node.mjs` (or `npm install`) first\n');
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
