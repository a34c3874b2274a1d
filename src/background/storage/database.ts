/**
 * Opening the database and writing to several stores atomically. Takes an `IDBFactory` so the same
 * code runs on the browser's IndexedDB and on `fake-indexeddb` in Node.
 */
import { wrap, type IDBPDatabase } from 'idb';
import { StorageError } from './errors';
import { runMigrations, SCHEMA_VERSION } from './migrations';
import {
  DB_NAME,
  type SigilDatabase,
  type SigilDbSchema,
  type StoreName,
  type UpgradeTransaction,
  type WriteTransaction,
} from './schema';

export interface OpenOptions {
  /** Database name; tests may use another one. */
  name?: string;
}

export async function openSigilDatabase(factory: IDBFactory, options: OpenOptions = {}): Promise<SigilDatabase> {
  const request = factory.open(options.name ?? DB_NAME, SCHEMA_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as SigilDatabase;
    const tx = wrap(request.transaction!) as unknown as UpgradeTransaction;
    runMigrations(db, tx, event.oldVersion, event.newVersion ?? SCHEMA_VERSION);
  });
  let db: IDBPDatabase<SigilDbSchema>;
  try {
    db = (await wrap(request)) as unknown as SigilDatabase;
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'VersionError')
      throw new StorageError('DB_TOO_NEW', 'The wallet data was written by a newer version of Sigil. Update Sigil.');
    throw new StorageError('DB_OPEN_FAILED', 'The wallet data could not be opened.');
  }
  // Let a newer version of Sigil (another context) upgrade instead of being blocked by this connection.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

/**
 * Runs `work` in ONE readwrite transaction over `stores`: either every write in it lands or none does.
 * If `work` throws, the transaction is aborted and the error rethrown.
 *
 * `work` must await only IndexedDB requests of `tx`. Awaiting anything else (WebCrypto, fetch,
 * timers) lets the transaction auto-commit half-way; do that work before calling this.
 */
export async function writeAtomically<Stores extends StoreName[], Result>(
  db: SigilDatabase,
  stores: Stores,
  work: (tx: WriteTransaction<Stores>) => Promise<Result> | Result,
): Promise<Result> {
  const tx = db.transaction(stores, 'readwrite');
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted (e.g. a failed request aborts it by itself).
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}
