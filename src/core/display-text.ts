/**
 * Text shown to people that someone else chose (a page's label or names): it must say what it
 * shows. Refused: control characters (line breaks included), the line and paragraph separators, and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make
 * text display in another order than it is stored.
 */
export const UNSAFE_DISPLAY_CHARACTERS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

export const isSafeDisplayText = (text: string): boolean => !UNSAFE_DISPLAY_CHARACTERS.test(text);

export const UNSAFE_DISPLAY_TEXT_MESSAGE = 'must not contain line breaks, control characters or bidirectional override characters';
