import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closure, htmlEntries } from '../../bench/bundle-closure';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function builtExtension(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'sigil-bundle-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('what a part of the extension loads at start', () => {
  it('follows static imports and re-exports across chunks, and lists import() chunks apart', () => {
    const root = builtExtension({
      'background.js': 'import { r as __toESM } from "./assets/runtime.js";\nimport {\n  a as b,\n  c\n} from "./assets/wire.js";\nconst w = () => import("./assets/words.js");',
      'assets/runtime.js': 'export const r = 1;',
      'assets/wire.js': 'export * from "./schema.js";import"./side.js";',
      'assets/schema.js': 'export const s = 1;',
      'assets/side.js': 'globalThis.x = 1;',
      'assets/words.js': 'import { r } from "./runtime.js"; export const words = [];',
      'assets/unused.js': 'export const u = 1;',
    });
    const loaded = closure([join(root, 'background.js')]);
    const names = (files: string[]) => files.map((f) => f.slice(root.length + 1)).sort();
    expect(names(loaded.files)).toEqual(['assets/runtime.js', 'assets/schema.js', 'assets/side.js', 'assets/wire.js', 'background.js']);
    expect(names(loaded.lazy)).toEqual(['assets/words.js']);
  });

  it("counts an HTML page's module script, preloads and stylesheets", () => {
    const root = builtExtension({
      'popup.html':
        '<script type="module" crossorigin src="./assets/popup.js"></script><link rel="modulepreload" crossorigin href="./assets/wire.js"><link rel="stylesheet" crossorigin href="./assets/popup.css"><link rel="icon" href="./icons/s.png">',
    });
    expect(htmlEntries(join(root, 'popup.html')).map((f) => f.slice(root.length + 1))).toEqual(['assets/popup.js', 'assets/wire.js', 'assets/popup.css']);
  });
});
