#!/usr/bin/env node
// Builds dist/chrome and dist/firefox from one source tree and the one root manifest.json.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/bootstrap.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The resolver development builds use by default: the one `npm start` and `npm run resolver` run. */
export const DEV_RESOLVER_URL = 'http://127.0.0.1:8701';
/** Development builds may reach local resolvers without asking (any port); release builds ask for every origin. */
const DEV_HOST_PERMISSIONS = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * Development (the default: `npm start`, the tests) or release (`--release` or SIGIL_RELEASE=1): a
 * release build has no default resolver and no host permission until the person grants one.
 */
export async function buildExtension({ quiet = false, release = process.env.SIGIL_RELEASE === '1' || process.argv.includes('--release') } = {}) {
  ensureDependencies();
  const { build } = await import('vite');
  const distDir = resolve(root, process.env.SIGIL_DIST_DIR ?? 'dist');
  const chromeDir = resolve(distDir, 'chrome');
  const firefoxDir = resolve(distDir, 'firefox');
  const logLevel = quiet ? 'warn' : 'info';

  const devResolver = release ? '' : (process.env.SIGIL_DEV_RESOLVER ?? DEV_RESOLVER_URL);
  const define = { __SIGIL_DEV_RESOLVER__: JSON.stringify(devResolver) };
  await build({ configFile: resolve(root, 'vite.config.ts'), logLevel, define });
  // The background as one module with no chunk shared with the pages: a cold start (a stopped worker,
  // a suspended event page) loads and compiles one file instead of a graph of four.
  await build({
    configFile: false,
    logLevel,
    publicDir: false,
    define: { ...define, 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: chromeDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      modulePreload: { polyfill: false },
      rollupOptions: { input: resolve(root, 'src/background/index.ts'), output: { entryFileNames: 'background.js' } },
    },
  });
  for (const [name, entry] of [
    ['content', 'src/content/bridge.ts'],
    ['inpage', 'src/inpage/provider.ts'],
  ]) {
    await build({
      configFile: false,
      logLevel,
      publicDir: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir: chromeDir,
        emptyOutDir: false,
        target: 'es2022',
        // Minified like the rest: these two load into every page (budget 10 KB gzip together).
        minify: true,
        lib: { entry: resolve(root, entry), formats: ['iife'], name: `__sigil_${name}`, fileName: () => `${name}.js` },
      },
    });
  }

  // The core as one browser ES module, for dApps that verify Sigil's tokens (the demo dApp serves it).
  await build({
    configFile: false,
    logLevel,
    publicDir: false,
    build: {
      outDir: resolve(distDir, 'dapp'),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: { entry: resolve(root, 'src/core/index.ts'), formats: ['es'], fileName: () => 'sigil-core.js' },
    },
  });

  const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));
  if (!release) manifest.host_permissions = DEV_HOST_PERMISSIONS;
  const { scripts: _scripts, ...chromeBackground } = manifest.background;
  const { browser_specific_settings: _gecko, ...chromeRest } = manifest;
  writeManifest(chromeDir, { ...chromeRest, background: chromeBackground });

  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(chromeDir, firefoxDir, { recursive: true });
  const { service_worker: _sw, ...firefoxBackground } = manifest.background;
  writeManifest(firefoxDir, { ...manifest, background: firefoxBackground });
  return { chromeDir, firefoxDir, release };
}

function writeManifest(dir, manifest) {
  writeFileSync(resolve(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { chromeDir, firefoxDir, release } = await buildExtension();
  console.log(`Built ${release ? 'release' : 'development'} ${chromeDir} and ${firefoxDir} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
