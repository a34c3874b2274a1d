/**
 * Vite configuration for the extension's ES-module part: the background and Sigil's own pages.
 * The content script and the in-page provider are classic scripts and get their own IIFE passes
 * (see scripts/build.mjs), because a classic script cannot import shared chunks.
 */
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
/** Another output folder lets parallel work build and test without touching dist/. */
const distDir = resolve(root, process.env.SIGIL_DIST_DIR ?? 'dist');

export default defineConfig({
  root: resolve(root, 'src/ui/pages'),
  base: './',
  publicDir: resolve(root, 'public'),
  plugins: [preact()],
  build: {
    outDir: resolve(distDir, 'chrome'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        popup: resolve(root, 'src/ui/pages/popup.html'),
        approve: resolve(root, 'src/ui/pages/approve.html'),
        background: resolve(root, 'src/background/index.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'background' ? 'background.js' : 'assets/[name]-[hash].js'),
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
