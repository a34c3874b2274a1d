import type { PageHandlers } from './types';

/** Methods that read or use identities: tokens, proofs, creation, key replacement, Factom reads. */
export const identityPageHandlers: PageHandlers = {};
