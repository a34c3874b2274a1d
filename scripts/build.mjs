#!/usr/bin/env node
// Builds dist/chrome and dist/firefox from one source tree and the one root manifest.json.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/bootstrap.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildExtension({ quiet = false } = {}) {
  ensureDependencies();
  const { build } = await import('vite');
  const distDir = resolve(root, process.env.SIGIL_DIST_DIR ?? 'dist');
  const chromeDir = resolve(distDir, 'chrome');
  const firefoxDir = resolve(distDir, 'firefox');
  const logLevel = quiet ? 'warn' : 'info';

  await build({ configFile: resolve(root, 'vite.config.ts'), logLevel });
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
        minify: false,
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
  const { scripts: _scripts, ...chromeBackground } = manifest.background;
  const { browser_specific_settings: _gecko, ...chromeRest } = manifest;
  writeManifest(chromeDir, { ...chromeRest, background: chromeBackground });

  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(chromeDir, firefoxDir, { recursive: true });
  const { service_worker: _sw, ...firefoxBackground } = manifest.background;
  writeManifest(firefoxDir, { ...manifest, background: firefoxBackground });
  return { chromeDir, firefoxDir };
}

function writeManifest(dir, manifest) {
  writeFileSync(resolve(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { chromeDir, firefoxDir } = await buildExtension();
  console.log(`Built ${chromeDir} and ${firefoxDir} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
