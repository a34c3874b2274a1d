/**
 * Schema migrations, one entry per version: MIGRATIONS[n] upgrades a database from version n to
 * n + 1. A new version is one more entry; never edit an entry that has shipped.
 */
import type { EntityRecord, SigilDatabase, UpgradeTransaction } from './schema';

export type Migration = (db: SigilDatabase, tx: UpgradeTransaction) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the initial schema.
  (db) => {
    db.createObjectStore('vault');
    db.createObjectStore('entities', { keyPath: 'did' });
    db.createObjectStore('permissions', { keyPath: 'origin' });
    const pending = db.createObjectStore('pending', { keyPath: 'id' });
    pending.createIndex('byOrigin', 'origin');
    db.createObjectStore('settings');
  },
  // 1 → 2: entities gain a format (every earlier one is a Sigil-format identity); results of
  // writes are remembered by request id.
  (db, tx) => {
    const results = db.createObjectStore('requestResults', { keyPath: 'key' });
    results.createIndex('byCompletedAt', 'completedAt');
    const entities = tx.objectStore('entities');
    void entities.openCursor().then(async function addFormat(cursor): Promise<void> {
      if (!cursor) return;
      const row = cursor.value as Partial<EntityRecord>;
      if (row.format === undefined) await cursor.update({ ...(row as EntityRecord), format: 'sigil' });
      return addFormat(await cursor.continue());
    });
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Runs inside the `versionchange` transaction, so a failed migration leaves the old version in place. */
export function runMigrations(db: SigilDatabase, tx: UpgradeTransaction, fromVersion: number, toVersion: number): void {
  for (let version = fromVersion; version < toVersion; version++) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new Error(`No migration from schema version ${version}.`);
    migrate(db, tx);
  }
}
