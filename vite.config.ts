/**
 * Vite configuration for Sigil's own pages (popup, approval window).
 * The background, the content script and the in-page provider get passes of their own (see
 * scripts/build.mjs): the background as one self-contained module, the other two as classic scripts.
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
    // Minified: the gzip budgets of issue 15 (background ≤ 80 KB, popup ≤ 60 KB) are for what ships.
    minify: true,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        popup: resolve(root, 'src/ui/pages/popup.html'),
        approve: resolve(root, 'src/ui/pages/approve.html'),
      },
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
