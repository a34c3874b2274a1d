/**
 * A small runtime schema library: every message crossing a context boundary is parsed with one of
 * these before anything acts on it. Parsing returns a new value holding only the declared fields.
 */
import { invalidParams } from './errors';

export interface Schema<T> {
  parse(value: unknown, path?: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const describe = (path: string | undefined): string => path ?? 'value';

interface StringRules {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** Message used for any failure, in the Factom SDK's wording where one exists. */
  message?: string;
}

export function string(rules: StringRules = {}): Schema<string> {
  return {
    parse(value, path) {
      const name = describe(path);
      const fail = (why: string) => invalidParams(rules.message ?? `${name} ${why}.`);
      if (typeof value !== 'string') throw fail('must be a string');
      // Characters as people count them (code points), as the core counts labels and key names. A
      // string over twice the limit in UTF-16 units is over it in code points too: not spread.
      const length = value.length > (rules.max ?? Infinity) * 2 ? value.length : [...value].length;
      if (rules.min !== undefined && length < rules.min)
        throw fail(rules.min === 1 ? 'must not be empty' : `must be at least ${rules.min} characters`);
      if (rules.max !== undefined && length > rules.max) throw fail(`must be at most ${rules.max} characters`);
      if (rules.pattern && !rules.pattern.test(value)) throw fail('is invalid');
      return value;
    },
  };
}

interface IntegerRules {
  min?: number;
  max?: number;
  message?: string;
}

export function integer(rules: IntegerRules = {}): Schema<number> {
  return {
    parse(value, path) {
      const name = describe(path);
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        throw invalidParams(rules.message ?? `${name} must be an integer.`);
      if (rules.min !== undefined && value < rules.min)
        throw invalidParams(rules.message ?? `${name} must be at least ${rules.min}.`);
      if (rules.max !== undefined && value > rules.max)
        throw invalidParams(rules.message ?? `${name} must be at most ${rules.max}.`);
      return value;
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    parse(value, path) {
      if (typeof value !== 'boolean') throw invalidParams(`${describe(path)} must be true or false.`);
      return value;
    },
  };
}

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return {
    parse(value, path) {
      if (typeof value !== 'string' || !values.includes(value))
        throw invalidParams(`${describe(path)} must be one of ${values.join(', ')}.`);
      return value as T[number];
    },
  };
}

interface ArrayRules {
  min?: number;
  max?: number;
  unique?: boolean;
}

export function array<T>(item: Schema<T>, rules: ArrayRules = {}): Schema<T[]> {
  return {
    parse(value, path) {
      const name = describe(path);
      if (!Array.isArray(value)) throw invalidParams(`${name} must be an array.`);
      if (rules.min !== undefined && value.length < rules.min)
        throw invalidParams(`${name} must have at least ${rules.min} item${rules.min === 1 ? '' : 's'}.`);
      if (rules.max !== undefined && value.length > rules.max)
        throw invalidParams(`${name} must have at most ${rules.max} items.`);
      const items = value.map((v, i) => item.parse(v, `${name}[${i}]`));
      if (rules.unique && new Set(items.map((i) => JSON.stringify(i))).size !== items.length)
        throw invalidParams(`${name} must not contain duplicates.`);
      return items;
    },
  };
}

const OPTIONAL = Symbol('optional');
type OptionalSchema<T> = Schema<T | undefined> & { [OPTIONAL]: true };

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    [OPTIONAL]: true,
    parse(value, path) {
      return value === undefined ? undefined : inner.parse(value, path);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

/** A plain object with exactly these keys; unknown keys are refused so typos surface as errors. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return {
    parse(value, path) {
      const name = describe(path);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw invalidParams(`${name} must be an object.`);
      const input = value as Record<string, unknown>;
      for (const key of Object.keys(input)) {
        if (!Object.hasOwn(shape, key)) throw invalidParams(`${path ? `${path}.` : ''}${key} is not a known parameter.`);
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const parsed = schema.parse(input[key], path ? `${path}.${key}` : key);
        if (parsed !== undefined) out[key] = parsed;
      }
      return out as ObjectOf<S>;
    },
  };
}

/** No params: accepts undefined, null or an empty object/array (what EIP-1193 callers send). */
export function none(): Schema<undefined> {
  return {
    parse(value, path) {
      const empty =
        value === undefined ||
        value === null ||
        (Array.isArray(value) && value.length === 0) ||
        (typeof value === 'object' && Object.keys(value as object).length === 0);
      if (!empty) throw invalidParams(`${describe(path)} must be empty: this method takes no parameters.`);
      return undefined;
    },
  };
}

/** Any value, left for a later, more specific schema (e.g. a method's params). */
export function unknown(): Schema<unknown> {
  return { parse: (value) => value };
}
