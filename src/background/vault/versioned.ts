/**
 * Stored formats that carry a `version` and upgrade one step at a time: `migrations[n]` turns a
 * version-n object into a version-(n + 1) object. A new version is one more entry; an entry that
 * has shipped is never edited. Migrations work on the raw (not yet validated) object and must not
 * throw on a malformed one: they leave what they do not recognise alone, and the strict validator
 * of the current version refuses it afterwards.
 */
import { isPlainObject } from './encoding';

export type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

export interface VersionedFormat {
  /** The version this build writes. */
  readonly current: number;
  /** `migrations[n]` upgrades version n to n + 1, for every n from the first version to current − 1. */
  readonly migrations: Readonly<Record<number, Migration>>;
}

export type VersionReading =
  | { readonly state: 'upgraded'; readonly value: Record<string, unknown>; readonly from: number }
  /** Written by a newer build: not damage, and not to be overwritten. */
  | { readonly state: 'newer'; readonly version: number }
  | { readonly state: 'unknown' };

/**
 * Brings `stored` (whose `version` field says what it is) up to `format.current`, step by step.
 * `from` is the version it was stored in (equal to current when nothing had to change).
 */
export function upgradeToCurrent(stored: unknown, format: VersionedFormat): VersionReading {
  if (!isPlainObject(stored)) return { state: 'unknown' };
  const from = stored.version;
  if (!Number.isSafeInteger(from) || (from as number) < 1) return { state: 'unknown' };
  if ((from as number) > format.current) return { state: 'newer', version: from as number };
  let value = stored;
  for (let version = from as number; version < format.current; version++) {
    const migrate = format.migrations[version];
    if (!migrate) return { state: 'unknown' };
    value = { ...migrate(value), version: version + 1 };
  }
  return { state: 'upgraded', value, from: from as number };
}

/** Applies `change` to each plain-object element of `list` when it is an array; anything else is left as is. */
export const mapObjects = (
  list: unknown,
  change: (element: Record<string, unknown>) => Record<string, unknown>,
): unknown => (Array.isArray(list) ? list.map((element) => (isPlainObject(element) ? change(element) : element)) : list);
