/** IOTICS DID document shapes (DESIGN §2.8), field order as the IOTICS Python library writes them. */
import type { ProofType } from '../document-types';

export const IOTICS_DID_CONTEXT = 'https://w3id.org/did/v1';
export const IOTICS_DOCUMENT_SPEC_VERSION = '0.0.1';
export const IOTICS_SPEC_VERSIONS = ['0.0.0', '0.0.1'] as const;
export const IOTICS_KEY_TYPE = 'Secp256k1VerificationKey2018';
export const IOTICS_AUTH_KEY_TYPE = 'Secp256k1SignatureAuthentication2018';
/** Key and delegation ids: `#` and 1–24 of [a-zA-Z-_0-9]. */
export const IOTICS_NAME_PATTERN = /^#[a-zA-Z\-_0-9]{1,24}$/;
export const IOTICS_DID_TYPES = ['host', 'user', 'agent', 'twin'] as const;
export type IoticsDidType = (typeof IOTICS_DID_TYPES)[number];
export const IOTICS_METADATA_LIMITS = { label: 64, comment: 512, url: 512 } as const;

export interface IoticsPublicKey {
  id: string;
  type: typeof IOTICS_KEY_TYPE;
  publicKeyBase58: string;
  revoked: boolean;
}

export interface IoticsAuthenticationKey {
  id: string;
  /** The Python library writes the owner-key type here too (research note §8). */
  type: typeof IOTICS_AUTH_KEY_TYPE | typeof IOTICS_KEY_TYPE;
  publicKeyBase58: string;
  revoked: boolean;
}

export interface IoticsDelegation {
  id: string;
  /** `<agentDid>#<agent key id>`. */
  controller: string;
  /** base64 DER ECDSA-SHA256 by the controller key over ASCII(delegating DID) ('did') or empty bytes ('generic'). */
  proof: string;
  proofType: ProofType;
  revoked: boolean;
}

export interface IoticsMetadata {
  label?: string;
  comment?: string;
  url?: string;
}

export interface IoticsDocument {
  '@context': typeof IOTICS_DID_CONTEXT;
  id: string;
  ioticsSpecVersion: (typeof IOTICS_SPEC_VERSIONS)[number];
  ioticsDIDType: IoticsDidType;
  /** Milliseconds since the epoch; strictly increasing across updates. */
  updateTime: number;
  /** base64 DER ECDSA-SHA256 over ASCII(id) by the key the DID is made from. */
  proof: string;
  publicKey: IoticsPublicKey[];
  authentication: IoticsAuthenticationKey[];
  delegateControl: IoticsDelegation[];
  delegateAuthentication: IoticsDelegation[];
  metadata: IoticsMetadata;
  revoked: boolean;
  /** `did#keyId` (the Python library's form). */
  controller?: string;
  creator?: string;
}
