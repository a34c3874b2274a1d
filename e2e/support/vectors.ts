/** The verified reference values of ../shared/vectors, for end-to-end checks. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths';

const read = (name: string) => JSON.parse(readFileSync(resolve(REPO_ROOT, '../shared/vectors', name), 'utf8'));

export const sigilVectors = read('sigil.json') as {
  derivation: { entropy_hex: string; keys: { kind: string; keyName: string; priority: number; generation: number; idpub: string; did?: string }[] };
};
export const documentVectors = read('documents.json') as {
  user: string;
  agent: string;
  twin: string;
  documents_before: Record<string, Record<string, unknown>>;
  agent_document_after_replacing_key_2: Record<string, unknown> & { identityChain: { entries: unknown[] }; publicKey: unknown[] };
  user_document_after_renewal: Record<string, unknown> & { delegateAuthentication: unknown[] };
};

export const VECTOR_ENTROPY_HEX = sigilVectors.derivation.entropy_hex;
export const vectorKey = (keyName: string, priority: number, generation = 0) =>
  sigilVectors.derivation.keys.find((k) => k.keyName === keyName && k.priority === priority && k.generation === generation)!;
