/** How a seed is described to people: public facts only (length, method, whether it has a password). */
import type { SeedView } from '../../shared/ui-api';

const ORIGIN_TEXT: Record<SeedView['origin'], string> = { created: 'created in Sigil', mnemonic: 'imported phrase', hex: 'imported hex seed' };

/** The short form, in the seed choice of the create forms: "24 words", "hex, legacy method, seed password". */
export function seedShortText(seed: Pick<SeedView, 'words' | 'method' | 'hasPassword'>): string {
  const parts = [seed.words === null ? 'hex' : `${seed.words} words`];
  if (seed.method === 'none') parts.push('legacy method');
  if (seed.hasPassword) parts.push('seed password');
  return parts.join(', ');
}

/** The long form, in Settings → Seeds: everything but the date. */
export function seedLongText(seed: Pick<SeedView, 'words' | 'method' | 'hasPassword' | 'origin'>): string {
  const parts = [seed.words === null ? 'no recovery phrase' : `${seed.words} words`, ORIGIN_TEXT[seed.origin]];
  parts.push(seed.method === 'none' ? 'legacy method “none”' : 'BIP39');
  if (seed.hasPassword) parts.push('with a seed password');
  return parts.join(', ');
}
