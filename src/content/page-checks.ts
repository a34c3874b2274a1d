/**
 * Checks the bridge makes on what a page posts, before anything reaches the background. Shared by
 * the in-page provider (so a dApp gets a clear error at once) and the content script (which cannot
 * trust the provider: the page can post to it directly).
 */

export const PARAMS_NOT_JSON = 'params must be JSON: objects, arrays, strings, finite numbers, booleans and null.';
export const OPAQUE_ORIGIN =
  'Sigil does not serve sandboxed or opaque-origin frames: they have no origin a site can be connected as.';

/** Deeper than any Sigil param; a bound keeps the walk (and the background's parse) cheap and ends cycles. */
const MAX_DEPTH = 32;

/**
 * True when `value` is what a JSON document can hold (undefined allowed: JSON drops it), so that
 * it crosses every Port the same way in Chrome (JSON) and Firefox (structured clone).
 * BigInt, functions, symbols, NaN/Infinity, Dates, Maps, typed arrays and cycles are not.
 */
export function isJsonParams(value: unknown, depth = 0): boolean {
  if (value === undefined || value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item: unknown) => isJsonParams(item, depth + 1));
  // The tag, not the prototype: in Firefox the content script sees the page's objects through wrappers.
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  return Object.values(value).every((item: unknown) => isJsonParams(item, depth + 1));
}

/** Request ids from crypto.getRandomValues: crypto.randomUUID is missing outside secure contexts (plain http). */
export function randomRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
