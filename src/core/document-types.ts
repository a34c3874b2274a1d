/** DID document shapes (DESIGN §2.5, §2.6). */
import type { IdentityChainJson } from './identity-chain';
import type { EntityKind } from './types';

export const DID_CONTEXT = 'https://w3id.org/did/v1';
export const IOTICS_SPEC_VERSION = '0.0.1';
export const KEY_TYPE = 'Ed25519VerificationKey2018';
export const LABEL_MAX_LENGTH = 64;

export type ProofType = 'did' | 'generic';
export const PROOF_TYPES: readonly ProofType[] = ['did', 'generic'];

export interface DocumentKey {
  id: string;
  type: typeof KEY_TYPE;
  publicKeyBase58: string;
  idpub: string;
  priority: number;
  revoked: boolean;
}

export interface Delegation {
  /** `#deleg-<n>`, never reused within a document. */
  id: string;
  /** `<agentDid>#<agent key id>`. */
  controller: string;
  /** base64 Ed25519 signature by the controller key over ASCII(delegating DID) ('did') or nothing ('generic'). */
  proof: string;
  proofType: ProofType;
  revoked: boolean;
}

export interface DocumentMetadata {
  label?: string;
}

export interface DidDocument {
  '@context': typeof DID_CONTEXT;
  id: string;
  ioticsSpecVersion: typeof IOTICS_SPEC_VERSION;
  ioticsDIDType: EntityKind;
  /** Milliseconds since the epoch; strictly increasing across updates. */
  updateTime: number;
  /** base64 Ed25519 signature by the genesis master key over ASCII(id). */
  proof: string;
  publicKey: DocumentKey[];
  authentication: unknown[];
  delegateAuthentication: Delegation[];
  delegateControl: Delegation[];
  metadata: DocumentMetadata;
  revoked: boolean;
  identityChain: IdentityChainJson;
}

export interface DelegationInput {
  controller: string;
  proof: string;
  proofType: ProofType;
}
