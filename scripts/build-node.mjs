// Builds the Node entry points of the identity core and the `sigil` CLI into dist/node (ESM,
// Node 20). Run by npm's `prepare`, so it stays small and fast: one Vite SSR build, dependencies
// left external (they are installed next to it).
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/node',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { core: 'src/core/index.ts', sigil: 'src/cli/sigil.ts' },
      // Native (better-sqlite3) and driver (pg) modules are loaded from node_modules, never bundled.
      external: ['better-sqlite3', 'pg'],
      output: {
        format: 'esm',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
