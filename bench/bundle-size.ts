/**
 * Gzip sizes of what each part of the built extension loads at start: the background module and its
 * static imports; popup.html's scripts, preloads and stylesheets with their static imports; the
 * content script plus the in-page script. Chunks loaded later by import() are listed, not counted.
 * Each file is gzipped on its own at gzip's default level (6); 1 KB = 1000 bytes, as Vite reports sizes.
 * Measures the build in SIGIL_DIST_DIR (or dist/), building it first when there is none.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildExtension } from '../scripts/build.mjs';
import { CHROME_EXTENSION_DIR } from '../e2e/support/paths';
import { closure, htmlEntries, type Loaded } from './bundle-closure';
import { figure, type BenchFigure } from './figures';
import type { BenchGroup } from './types';

const gzipKb = (files: string[]): number => files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 6 }).length, 0) / 1000;

function part(name: string, budgetKb: number, loaded: Loaded): BenchFigure {
  const names = (files: string[]) => files.map((file) => relative(CHROME_EXTENSION_DIR, file)).join(', ');
  return figure({
    name: `gzip: ${name}`,
    unit: 'KB',
    value: gzipKb(loaded.files),
    baseline: { name: 'budget', value: budgetKb },
    target: { max: budgetKb },
    note: `${names(loaded.files)}${loaded.lazy.length ? `; loaded later, not counted: ${names(loaded.lazy)} (${gzipKb(loaded.lazy).toFixed(1)} KB)` : ''}`,
  });
}

const group: BenchGroup = {
  name: 'bundle',
  description: 'gzip sizes of the built extension against the budgets',
  cases: [],
  async setup() {
    const manifest = resolve(CHROME_EXTENSION_DIR, 'manifest.json');
    if (!existsSync(manifest)) await buildExtension({ quiet: true });
    group.description = `${group.description} (${CHROME_EXTENSION_DIR}, built ${statSync(manifest).mtime.toISOString()})`;
  },
  figures: () => {
    const at = (file: string) => resolve(CHROME_EXTENSION_DIR, file);
    return {
      figures: [
        part('popup', 60, closure(htmlEntries(at('popup.html')))),
        part('background', 80, closure([at('background.js')])),
        part('content + in-page', 10, closure([at('content.js'), at('inpage.js')])),
      ],
      notes: [],
    };
  },
};

export default group;
