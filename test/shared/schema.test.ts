import { describe, expect, it } from 'vitest';
import { ErrorCode, SigilError } from '../../src/shared/errors';
import { array, boolean, integer, none, object, oneOf, optional, string, unknown } from '../../src/shared/schema';
import { invalidParamsMessage, thrown } from './support';

describe('string', () => {
  it('names the field that is wrong, or "value" when it has no name', () => {
    expect(invalidParamsMessage(() => string().parse(5, 'label'))).toBe('label must be a string.');
    expect(invalidParamsMessage(() => string().parse(5))).toBe('value must be a string.');
  });

  it('says "must not be empty" for a minimum of 1 and gives the number otherwise', () => {
    expect(invalidParamsMessage(() => string({ min: 1 }).parse('', 'name'))).toBe('name must not be empty.');
    expect(invalidParamsMessage(() => string({ min: 3 }).parse('ab', 'name'))).toBe('name must be at least 3 characters.');
    expect(invalidParamsMessage(() => string({ max: 3 }).parse('abcd', 'name'))).toBe('name must be at most 3 characters.');
    expect(invalidParamsMessage(() => string({ pattern: /^a+$/ }).parse('b', 'name'))).toBe('name is invalid.');
  });

  it('accepts the boundaries', () => {
    expect(string({ min: 3, max: 3 }).parse('abc')).toBe('abc');
  });

  it('uses a fixed message for every failure when one is given', () => {
    const schema = string({ min: 2, max: 3, pattern: /^[a-z]+$/, message: 'key is invalid.' });
    for (const bad of [7, '', 'a', 'abcd', 'AB']) expect(invalidParamsMessage(() => schema.parse(bad, 'key'))).toBe('key is invalid.');
  });
});

describe('order of checks', () => {
  it('checks the length first: the pattern and the refinement never see an over-long string', () => {
    const seen: number[] = [];
    const refine = { test: (text: string) => (seen.push(text.length), true), message: '{name} is refused.' };
    const schema = string({ max: 10, pattern: /^a+$/, refine });
    for (const length of [11, 100_000, 1_000_000])
      expect(invalidParamsMessage(() => schema.parse('a'.repeat(length), 'key'))).toBe('key must be at most 10 characters.');
    expect(seen).toEqual([]);
    expect(schema.parse('aaa')).toBe('aaa');
    expect(seen).toEqual([3]);
    expect(invalidParamsMessage(() => string({ refine: { test: () => false, message: '{name} is refused.' } }).parse('x', 'key'))).toBe('key is refused.');
  });

  it('counts the items of an array before parsing any of them', () => {
    const seen: string[] = [];
    const item = string({ refine: { test: (text) => (seen.push(text), true), message: 'no' } });
    expect(invalidParamsMessage(() => array(item, { max: 2 }).parse(['a', 'b', 'c'], 'names'))).toBe('names must have at most 2 items.');
    expect(seen).toEqual([]);
  });

  it('names an unknown key in at most 64 characters, however long the page made it', () => {
    const key = 'k'.repeat(100_000);
    expect(invalidParamsMessage(() => object({}).parse({ [key]: 1 }, 'params'))).toBe(`params.${'k'.repeat(64)}… is not a known parameter.`);
  });

  it('refuses unknown keys before looking at any declared one', () => {
    const seen: string[] = [];
    const schema = object({ name: string({ refine: { test: (text) => (seen.push(text), true), message: 'no' } }) });
    expect(invalidParamsMessage(() => schema.parse({ name: 'a', extra: 1 }, 'params'))).toBe('params.extra is not a known parameter.');
    expect(seen).toEqual([]);
  });
});

describe('integer', () => {
  it.each([1.5, '3', Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, null, undefined])('refuses %s as not an integer', (value) => {
    expect(invalidParamsMessage(() => integer().parse(value, 'count'))).toBe('count must be an integer.');
  });

  it('checks the range and accepts its ends', () => {
    const schema = integer({ min: 1, max: 10 });
    expect(schema.parse(1)).toBe(1);
    expect(schema.parse(10)).toBe(10);
    expect(invalidParamsMessage(() => schema.parse(0, 'n'))).toBe('n must be at least 1.');
    expect(invalidParamsMessage(() => schema.parse(11, 'n'))).toBe('n must be at most 10.');
  });

  it('uses a fixed message for every failure when one is given', () => {
    const schema = integer({ min: 1, max: 10, message: 'n must be from 1 to 10.' });
    for (const bad of [0, 11, 2.5, '5']) expect(invalidParamsMessage(() => schema.parse(bad, 'n'))).toBe('n must be from 1 to 10.');
  });
});

describe('boolean and oneOf', () => {
  it('accepts only true and false', () => {
    expect(boolean().parse(false)).toBe(false);
    expect(invalidParamsMessage(() => boolean().parse('true', 'flag'))).toBe('flag must be true or false.');
    expect(invalidParamsMessage(() => boolean().parse(0, 'flag'))).toBe('flag must be true or false.');
  });

  it('lists the allowed values when a value is not one of them', () => {
    const schema = oneOf(['did', 'generic'] as const);
    expect(schema.parse('generic')).toBe('generic');
    expect(invalidParamsMessage(() => schema.parse('DID', 'proofType'))).toBe('proofType must be one of did, generic.');
    expect(invalidParamsMessage(() => schema.parse(undefined, 'proofType'))).toBe('proofType must be one of did, generic.');
  });
});

describe('array', () => {
  const kinds = array(oneOf(['user', 'agent', 'twin'] as const), { min: 1, max: 3, unique: true });

  it('parses every item, naming the first bad one by its index', () => {
    expect(kinds.parse(['twin', 'user'])).toEqual(['twin', 'user']);
    expect(invalidParamsMessage(() => kinds.parse(['user', 'robot'], 'kinds'))).toBe('kinds[1] must be one of user, agent, twin.');
  });

  it('checks the number of items, in singular for one', () => {
    expect(invalidParamsMessage(() => kinds.parse([], 'kinds'))).toBe('kinds must have at least 1 item.');
    expect(invalidParamsMessage(() => array(string(), { min: 2 }).parse(['a'], 'names'))).toBe('names must have at least 2 items.');
    expect(invalidParamsMessage(() => kinds.parse(['user', 'agent', 'twin', 'user'], 'kinds'))).toBe('kinds must have at most 3 items.');
  });

  it('refuses duplicates only when asked to', () => {
    expect(invalidParamsMessage(() => kinds.parse(['user', 'user'], 'kinds'))).toBe('kinds must not contain duplicates.');
    expect(array(string()).parse(['a', 'a'])).toEqual(['a', 'a']);
  });

  it('refuses what is not an array, including an array-like object', () => {
    expect(invalidParamsMessage(() => kinds.parse({ 0: 'user', length: 1 }, 'kinds'))).toBe('kinds must be an array.');
    expect(invalidParamsMessage(() => kinds.parse('user', 'kinds'))).toBe('kinds must be an array.');
  });
});

describe('object', () => {
  const schema = object({ name: string({ min: 1 }), count: optional(integer()) });

  it('refuses an unknown key by name, so a typo is not silently ignored', () => {
    expect(invalidParamsMessage(() => schema.parse({ name: 'a', cuont: 2 }))).toBe('cuont is not a known parameter.');
    expect(invalidParamsMessage(() => schema.parse({ name: 'a', cuont: 2 }, 'params'))).toBe('params.cuont is not a known parameter.');
  });

  it('refuses inherited-looking keys such as __proto__ and toString as unknown parameters', () => {
    expect(invalidParamsMessage(() => schema.parse(JSON.parse('{"name":"a","__proto__":{"count":1}}')))).toBe(
      '__proto__ is not a known parameter.',
    );
    expect(invalidParamsMessage(() => schema.parse({ name: 'a', toString: 'x' }))).toBe('toString is not a known parameter.');
  });

  it('names a nested field by its full path', () => {
    const nested = object({ user: object({ label: string({ max: 2 }) }) });
    expect(invalidParamsMessage(() => nested.parse({ user: { label: 'abc' } }, 'payload'))).toBe('payload.user.label must be at most 2 characters.');
  });

  it('requires the required keys and leaves out optional ones that are missing', () => {
    expect(invalidParamsMessage(() => schema.parse({}))).toBe('name must be a string.');
    const parsed = schema.parse({ name: 'a' });
    expect(parsed).toEqual({ name: 'a' });
    expect(Object.keys(parsed)).toEqual(['name']);
    expect(schema.parse({ name: 'a', count: undefined })).not.toHaveProperty('count');
  });

  it('returns a new object, so later changes to the input do not reach the parsed value', () => {
    const input = { name: 'a', count: 1 };
    const parsed = schema.parse(input);
    expect(parsed).not.toBe(input);
    input.name = 'changed';
    expect(parsed.name).toBe('a');
  });

  it.each([null, [], 'text', 3])('refuses %j as not an object', (value) => {
    expect(invalidParamsMessage(() => schema.parse(value, 'params'))).toBe('params must be an object.');
  });
});

describe('none and unknown', () => {
  it.each([undefined, null, {}, []])('none accepts %j as "no parameters"', (value) => {
    expect(none().parse(value)).toBeUndefined();
  });

  it.each([{ a: 1 }, [1], 'x', 0, false])('none refuses %j', (value) => {
    expect(invalidParamsMessage(() => none().parse(value, 'params'))).toBe('params must be empty: this method takes no parameters.');
  });

  it('unknown passes any value through untouched', () => {
    const value = { deep: [1, 2] };
    expect(unknown().parse(value)).toBe(value);
  });
});

describe('errors', () => {
  it('are SigilErrors with the invalid-params code, whose message is safe to show', () => {
    const error = thrown(() => string().parse(1));
    expect(error).toBeInstanceOf(SigilError);
    expect((error as SigilError).toPayload()).toEqual({ code: ErrorCode.invalidParams, message: 'value must be a string.' });
  });
});
