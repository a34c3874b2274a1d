/** Which built files a part of the extension loads at start, following its static imports. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Minified output quotes specifiers with backticks too.
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;
const HTML_ASSET = /<(?:script[^>]*\ssrc|link[^>]*\shref)=["']([^"']+\.(?:js|css))["']/g;

export interface Loaded {
  files: string[];
  lazy: string[];
}

/** `entries` and every module they import statically; the chunks they import() are `lazy`. */
export function closure(entries: string[]): Loaded {
  const files = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.js')) continue;
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(STATIC_IMPORT)) queue.push(resolve(dirname(file), spec!));
    for (const [, spec] of source.matchAll(DYNAMIC_IMPORT)) lazy.add(resolve(dirname(file), spec!));
  }
  return { files: [...files], lazy: [...lazy].filter((file) => !files.has(file)) };
}

export function htmlEntries(html: string): string[] {
  const source = readFileSync(html, 'utf8');
  return [...source.matchAll(HTML_ASSET)].map(([, src]) => resolve(dirname(html), src!));
}
