/**
 * Runtime schemas for every message crossing a context boundary, built on valibot. Parsing returns
 * a new value holding only the declared fields, and stops at the first problem: a length bound
 * refuses an over-long string before any later check (a pattern, a checksum) looks at it.
 *
 * Errors are -32602 SigilErrors whose message names the param by its path (`params.names[1] must
 * not be empty.`), or a fixed message in the Factom SDK's wording where one exists.
 */
import * as v from 'valibot';
import { isSafeDisplayText, UNSAFE_DISPLAY_TEXT_MESSAGE } from '../core/display-text';
import { invalidParams } from './errors';

export interface Schema<T> {
  /** The valibot schema; its messages carry NAME where the param's path goes. */
  readonly valibot: v.GenericSchema<unknown, T>;
  parse(value: unknown, path?: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Stands for the param's path in a message until the issue's path is known. */
const NAME = '\u0000name\u0000';
const CONFIG = { abortEarly: true, abortPipeEarly: true } as const;

function nameOf(root: string | undefined, path: readonly v.IssuePathItem[] | undefined): string {
  if (!path || path.length === 0) return root ?? 'value';
  let name = root ?? '';
  for (const item of path) {
    const key = (item as { key: unknown }).key;
    name = typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key);
  }
  return name;
}

function schema<T>(valibot: v.GenericSchema<unknown, T>): Schema<T> {
  return {
    valibot,
    parse(value, path) {
      const result = v.safeParse(valibot, value, CONFIG);
      if (result.success) return result.output;
      const issue = result.issues[0];
      throw invalidParams(issue.message.replaceAll(NAME, nameOf(path, issue.path)));
    },
  };
}

/** Code points, as people count characters and as the core counts labels and key names. */
const characters = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

interface StringRules {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** A last check (a checksum, a character rule), run only once the length and pattern hold. */
  refine?: { test: (text: string) => boolean; message: string };
  /** Message used for any failure but `refine`'s, in the Factom SDK's wording where one exists. */
  message?: string;
}

export function string(rules: StringRules = {}): Schema<string> {
  const fail = (why: string) => rules.message ?? `${NAME} ${why}.`;
  const { min, max, pattern, refine } = rules;
  const steps: v.PipeItem<string, string, v.BaseIssue<unknown>>[] = [];
  // UTF-16 units first: a string longer than twice the limit is over it in code points too, and
  // is refused without being walked.
  if (max !== undefined) steps.push(v.maxLength(max * 2, fail(`must be at most ${max} characters`)));
  if (min !== undefined)
    steps.push(
      v.check((text) => characters(text) >= min, fail(min === 1 ? 'must not be empty' : `must be at least ${min} characters`)),
    );
  if (max !== undefined) steps.push(v.check((text) => characters(text) <= max, fail(`must be at most ${max} characters`)));
  if (pattern) steps.push(v.regex(pattern, fail('is invalid')));
  if (refine) steps.push(v.check(refine.test, refine.message.replaceAll('{name}', NAME)));
  return schema(v.pipe(v.string(fail('must be a string')), ...steps));
}

interface IntegerRules {
  min?: number;
  max?: number;
  message?: string;
}

export function integer(rules: IntegerRules = {}): Schema<number> {
  const notInteger = rules.message ?? `${NAME} must be an integer.`;
  const steps: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [v.safeInteger(notInteger)];
  if (rules.min !== undefined) steps.push(v.minValue(rules.min, rules.message ?? `${NAME} must be at least ${rules.min}.`));
  if (rules.max !== undefined) steps.push(v.maxValue(rules.max, rules.message ?? `${NAME} must be at most ${rules.max}.`));
  return schema(v.pipe(v.number(notInteger), ...steps));
}

export const boolean = (): Schema<boolean> => schema(v.boolean(`${NAME} must be true or false.`));

/** Exactly `value` (e.g. `true` for a flag that only says yes). */
export const literal = <const T extends string | number | boolean>(value: T, message?: string): Schema<T> =>
  schema(v.literal(value, message ?? `${NAME} must be ${JSON.stringify(value)}.`));

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return schema(v.picklist(values, `${NAME} must be one of ${values.join(', ')}.`) as v.GenericSchema<unknown, T[number]>);
}

/** The schema `pick` chooses for this value (e.g. by its `source` field): its own messages apply. */
export const choose = <T>(pick: (value: unknown) => Schema<T>): Schema<T> =>
  schema(v.lazy((value: unknown) => pick(value).valibot));

/** The first of `options` that accepts the value; `message` when none does. */
export function anyOf<T>(options: readonly Schema<T>[], message: string): Schema<T> {
  return schema(v.union(options.map((option) => option.valibot), message) as v.GenericSchema<unknown, T>);
}

interface ArrayRules {
  min?: number;
  max?: number;
  unique?: boolean;
}

export function array<T>(item: Schema<T>, rules: ArrayRules = {}): Schema<T[]> {
  const { min, max, unique } = rules;
  const steps: v.PipeItem<unknown[], unknown[], v.BaseIssue<unknown>>[] = [];
  // The number of items is checked before any item is.
  if (min !== undefined) steps.push(v.minLength(min, `${NAME} must have at least ${min} item${min === 1 ? '' : 's'}.`));
  if (max !== undefined) steps.push(v.maxLength(max, `${NAME} must have at most ${max} items.`));
  const items = v.array(item.valibot, `${NAME} must be an array.`);
  const checked = unique
    ? v.pipe(items, v.check((list) => new Set(list.map((i) => JSON.stringify(i))).size === list.length, `${NAME} must not contain duplicates.`))
    : items;
  return schema(v.pipe(v.array(v.unknown(), `${NAME} must be an array.`), ...steps, checked) as v.GenericSchema<unknown, T[]>);
}

const OPTIONAL = Symbol('optional');
type OptionalSchema<T> = Schema<T | undefined> & { [OPTIONAL]: true };

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return { ...schema(v.optional(inner.valibot)), [OPTIONAL]: true };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

const MAX_SHOWN_KEY = 64;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A plain object with exactly these keys. Unknown keys (`__proto__` and `toString` included) are
 * refused by name before any field is looked at, so typos surface as errors.
 */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const entries = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.valibot]));
  const knownKeys = v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const input = dataset.value;
    const unknownKey = Object.keys(input).find((key) => !Object.hasOwn(shape, key));
    if (unknownKey === undefined) return;
    // Named in the message, but never at any length a page chooses.
    const shown = unknownKey.length > MAX_SHOWN_KEY ? `${unknownKey.slice(0, MAX_SHOWN_KEY)}…` : unknownKey;
    addIssue({
      message: `${NAME} is not a known parameter.`,
      path: [{ type: 'object', origin: 'key', input, key: shown, value: input[unknownKey] }],
    });
  });
  return schema(
    v.pipe(
      v.custom<Record<string, unknown>>(isRecord, `${NAME} must be an object.`),
      knownKeys,
      // Every declared key present, so a missing one gets its own param's message ("user must be a did…").
      v.transform((input) => {
        const complete: Record<string, unknown> = {};
        for (const key of Object.keys(shape)) complete[key] = input[key];
        return complete;
      }),
      v.strictObject(entries, `${NAME} must be an object.`),
      // An optional param given as undefined is left out, as a missing one is.
      v.transform((parsed) => Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined))),
    ) as unknown as v.GenericSchema<unknown, ObjectOf<S>>,
  );
}

/** No params: accepts undefined, null or an empty object/array (what EIP-1193 callers send). */
export function none(): Schema<undefined> {
  const empty = (value: unknown): boolean =>
    value === undefined ||
    value === null ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && Object.keys(value as object).length === 0);
  return schema(
    v.pipe(
      v.custom<unknown>(empty, `${NAME} must be empty: this method takes no parameters.`),
      v.transform(() => undefined),
    ),
  );
}

/** Refuses every value with `message` (e.g. two params given that exclude each other). */
export const refuse = (message: string): Schema<never> => schema(v.never(message));

/** Any value, left for a later, more specific schema (e.g. a method's params). */
export const unknown = (): Schema<unknown> => schema(v.unknown());

/** A label shown to people: bounded, and free of characters that hide or reorder what it says (core/display-text). */
export const displayText = (rules: { min?: number; max: number; message?: string }): Schema<string> =>
  string({ ...rules, refine: { test: isSafeDisplayText, message: `{name} ${UNSAFE_DISPLAY_TEXT_MESSAGE}.` } });
