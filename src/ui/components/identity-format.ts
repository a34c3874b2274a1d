/** How Sigil names the two identity formats (DESIGN §2.8) to people, in one place. */
import type { IdentityFormat } from '../../core/types';

export const FORMAT_NAMES: Record<IdentityFormat, string> = { sigil: 'Sigil', iotics: 'IOTICS' };

/** The one line that tells a person which format to pick. */
export const FORMAT_EXPLANATIONS: Record<IdentityFormat, string> = {
  iotics: 'Accepted by IOTICS hosts and resolvers; secp256k1.',
  sigil: 'Ed25519 keys on an auditable key chain.',
};

/** The format with its key algorithm, where a request or an entity is described in full. */
export const FORMAT_TITLES: Record<IdentityFormat, string> = {
  iotics: 'IOTICS format (secp256k1)',
  sigil: 'Sigil format (Ed25519)',
};

/** Entities made before formats existed are Sigil's own. */
export const formatOf = (entity: { format?: IdentityFormat }): IdentityFormat => entity.format ?? 'sigil';
