/**
 * Where registered documents live. Every accepted version of a DID is kept, numbered 1, 2, … ; a
 * version is written only if no other registration took that number first, so of two updates racing
 * from the same head exactly one is stored and the other is told (`append` returns false).
 */
export interface StoredVersion {
  did: string;
  /** 1 for the first registration of a DID, then +1 for each accepted update. */
  version: number;
  /** The document's updateTime (ms). */
  updateTime: number;
  token: string;
  /** When the resolver accepted it (ms since the epoch). */
  registeredAt: number;
}

export interface DocumentStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The latest version of `did`, or null when it was never registered. */
  head(did: string): Promise<StoredVersion | null>;
  /** Versions of `did` after version `after`, oldest first, at most `limit`. */
  history(did: string, after: number, limit: number): Promise<StoredVersion[]>;
  /** Writes `entry` in one transaction; false when `entry.version` was already taken (a racing update won). */
  append(entry: StoredVersion): Promise<boolean>;
  /** Throws when the store cannot answer (for /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** `postgres://…`: PostgreSQL, shared by every resolver pointed at it. */
  databaseUrl?: string;
  /** SQLite file; `:memory:` keeps nothing after close. */
  sqliteFile?: string;
}

/** Opens the store the options name; the drivers are loaded only when used. */
export async function openStore(options: StoreOptions): Promise<DocumentStore> {
  if (options.databaseUrl) {
    const { openPostgresStore } = await import('./postgres-store');
    return openPostgresStore(options.databaseUrl);
  }
  const { openSqliteStore } = await import('./sqlite-store');
  return openSqliteStore(options.sqliteFile ?? ':memory:');
}
