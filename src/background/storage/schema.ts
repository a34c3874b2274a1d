/** The IndexedDB schema of the `sigil` database: store names, keys and row types. */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { EntityKind, IdentityFormat } from '../../core';
import type { ApprovalChoices, ApprovalDetails } from '../../shared/ui-api/approvals';

export type { EntityKind, IdentityFormat };

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
  /** Rows written before schema version 2 are all `sigil`; migration 1 → 2 sets it. */
  format: IdentityFormat;
  label: string;
  stage: EntityStage;
  chainId: string;
  names: string[];
  entries: StoredChainEntry[];
  /** The DID document (DESIGN §2.5) as JSON, or null before it is built. */
  document: Record<string, unknown> | null;
  /** The signed document token (JWT) a resolver stores, or null. */
  documentToken: string | null;
  /** IOTICS format: owner keys rotations removed from the document, oldest first (absent: none). */
  removedKeys?: RemovedKeyRecord[];
  createdAt: number;
  updatedAt: number;
}

/** An owner key an IOTICS key rotation removed from its document (DESIGN §2.8). */
export interface RemovedKeyRecord {
  id: string;
  publicKeyBase58: string;
  /** updateTime (ms) of the document version without it. */
  removedAt: number;
  /** The key that replaced it. */
  replacedBy: string | null;
}

/** A standing grant for `sigil_authToken` (DESIGN §3) for one (user, agent) pair. */
export interface AuthTokenGrant {
  user: string;
  agent: string;
  grantedAt: number;
  /** When the grant ends (ms since epoch); after it the person is asked again. */
  expiresAt: number;
}

/**
 * What the person decided about one origin (scheme, host and port). A connected origin sees the
 * entities in `sharedDids`; a `rejected` one had its connection refused and gets 4001 from
 * sigil_connect without a prompt until the person forgets the site in Sigil's sites list.
 */
export interface PermissionRecord {
  origin: string;
  /** DIDs of the entities the user chose to share with this origin; empty when rejected. */
  sharedDids: string[];
  /** When the person connected the origin, or rejected it. */
  connectedAt: number;
  authTokenGrants: AuthTokenGrant[];
  /** True when the person rejected the connection (absent in rows written before it existed). */
  rejected?: boolean;
}

/** How a pending request ended when no background instance was waiting for it (delivered on re-send). */
export type PendingOutcome =
  | { decision: 'approve'; choices: ApprovalChoices }
  | { decision: 'reject' | 'cancel'; message: string };

/** A page request waiting for the person; survives a stopped worker. Holds nothing secret. */
export interface PendingRequestRecord {
  /** Random id the approval page uses (ui_decide). */
  id: string;
  origin: string;
  method: string;
  /** What the approval page shows. */
  details: ApprovalDetails;
  createdAt: number;
  /** The content script's request id: a re-sent request finds this row instead of queueing another. */
  requestId: string;
  tabId: number;
  frameId: number;
  /** Set for a request from a frame of another origin: the top-level page's origin (null: the browser did not say). */
  embeddedIn?: string | null;
  /** Set once the person decided; the row is removed when the outcome reaches the request. */
  outcome: PendingOutcome | null;
}

export interface SigilDbSchema extends DBSchema {
  /** Raw stored vault records; always validated on read because a slot may be damaged. */
  vault: { key: VaultSlot; value: unknown };
  entities: { key: string; value: EntityRecord };
  permissions: { key: string; value: PermissionRecord };
  pending: { key: string; value: PendingRequestRecord; indexes: { byOrigin: string } };
  /** Out-of-line keys; see settings.ts for the known keys. */
  settings: { key: string; value: unknown };
  /**
   * The result of a write that a request id asked for, stored in the same transaction as the write,
   * so a request sent again (a dropped port, a restarted worker) gets the same answer instead of a
   * second write.
   */
  requestResults: { key: string; value: RequestResultRecord; indexes: { byCompletedAt: number } };
}

export interface RequestResultRecord {
  /** Who asked and the request id: e.g. `ui <requestId>` or `page <origin> <tab> <frame> <requestId>`. */
  key: string;
  result: unknown;
  completedAt: number;
}

export type StoreName = StoreNames<SigilDbSchema>;
export type SigilDatabase = IDBPDatabase<SigilDbSchema>;
export type WriteTransaction<Stores extends StoreName[] = StoreName[]> = IDBPTransaction<
  SigilDbSchema,
  Stores,
  'readwrite'
>;
export type UpgradeTransaction = IDBPTransaction<SigilDbSchema, StoreName[], 'versionchange'>;
