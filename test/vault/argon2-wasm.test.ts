/** The Argon2 WebAssembly module Sigil inlines is hash-wasm's, byte for byte (its provenance, see argon2-wasm.ts). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ARGON2_WASM_BASE64 } from '../../src/background/vault/argon2-wasm';

describe('the inlined Argon2 module', () => {
  it('is the module hash-wasm 4.13.0 ships, and needs no imports', () => {
    const dist = readFileSync(createRequire(import.meta.url).resolve('hash-wasm/dist/argon2.umd.min.js'), 'utf8');
    const shipped = /\{name:"argon2",data:"([^"]+)"/.exec(dist)?.[1];
    expect(shipped).toBeDefined();
    expect(ARGON2_WASM_BASE64).toBe(shipped);
    const module = new WebAssembly.Module(Buffer.from(ARGON2_WASM_BASE64, 'base64'));
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(
      ['Hash_Calculate', 'Hash_GetBuffer', 'Hash_SetMemorySize', '__stack_pointer', 'memory'].sort(),
    );
  });
});
