import { describe, expect, it } from 'vitest';
import { isJsonParams, randomRequestId } from '../../src/content/page-checks';

describe('isJsonParams', () => {
  it('accepts what JSON can hold, and absent params', () => {
    for (const value of [undefined, null, true, 0, -1.5, 'x', [], {}, { did: 'did:iotics:x', limit: 15, names: ['a', { b: [null] }] }, { optional: undefined }]) {
      expect(isJsonParams(value)).toBe(true);
    }
  });

  it('refuses what a Port cannot carry the same way in both browsers', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [10n, { n: 10n }, () => 1, { f: () => 1 }, Symbol('s'), NaN, Infinity, [1, -Infinity], new Date(0), new Map(), new Uint8Array(2), cycle]) {
      expect(isJsonParams(value)).toBe(false);
    }
  });

  it('refuses nesting deeper than any Sigil param needs, without walking it all', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(isJsonParams(deep)).toBe(false);
  });
});

describe('randomRequestId', () => {
  it('works without crypto.randomUUID (missing on plain-http pages) and gives distinct 128-bit ids', () => {
    const original = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(crypto), 'randomUUID');
    Object.defineProperty(Object.getPrototypeOf(crypto), 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 1000 }, () => randomRequestId()));
      expect(ids.size).toBe(1000);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      if (original) Object.defineProperty(Object.getPrototypeOf(crypto), 'randomUUID', original);
    }
  });
});
