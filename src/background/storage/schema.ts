/** The IndexedDB schema of the `sigil` database: store names, keys and row types. */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { EntityKind } from '../../core';

export type { EntityKind };

export const DB_NAME = 'sigil';

export type VaultSlot = 'primary' | 'copy';
export const VAULT_SLOTS: readonly VaultSlot[] = ['primary', 'copy'];

export type EntityStage = 'local' | 'registered';

/** One identity-chain entry as the DID document carries it (DESIGN §2.5): base64 ExtIDs and content. */
export interface StoredChainEntry {
  extIds: string[];
  content: string;
  stage: EntityStage;
}

/** Public identity state. Holds nothing secret: no key name, no seed id, no private key. */
export interface EntityRecord {
  did: string;
  kind: EntityKind;
  label: string;
  stage: EntityStage;
  chainId: string;
  names: string[];
  entries: StoredChainEntry[];
  /** The DID document (DESIGN §2.5) as JSON, or null before it is built. */
  document: Record<string, unknown> | null;
  /** The signed document token (JWT) a resolver stores, or null. */
  documentToken: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A standing grant for `sigil_authToken` (DESIGN §3) for one (user, agent) pair. */
export interface AuthTokenGrant {
  user: string;
  agent: string;
  grantedAt: number;
}

export interface PermissionRecord {
  origin: string;
  /** DIDs of the entities the user chose to share with this origin. */
  sharedDids: string[];
  connectedAt: number;
  authTokenGrants: AuthTokenGrant[];
}

export interface PendingRequestRecord {
  id: string;
  origin: string;
  method: string;
  params: unknown;
  createdAt: number;
}

export interface SigilDbSchema extends DBSchema {
  /** Raw stored vault records; always validated on read because a slot may be damaged. */
  vault: { key: VaultSlot; value: unknown };
  entities: { key: string; value: EntityRecord };
  permissions: { key: string; value: PermissionRecord };
  pending: { key: string; value: PendingRequestRecord; indexes: { byOrigin: string } };
  /** Out-of-line keys; see settings.ts for the known keys. */
  settings: { key: string; value: unknown };
}

export type StoreName = StoreNames<SigilDbSchema>;
export type SigilDatabase = IDBPDatabase<SigilDbSchema>;
export type WriteTransaction<Stores extends StoreName[] = StoreName[]> = IDBPTransaction<
  SigilDbSchema,
  Stores,
  'readwrite'
>;
export type UpgradeTransaction = IDBPTransaction<SigilDbSchema, StoreName[], 'versionchange'>;
