/**
 * The embedded store: SQLite (better-sqlite3) in WAL mode with full fsync, so an acknowledged
 * registration survives the process being killed or the machine losing power.
 */
import Database from 'better-sqlite3';
import type { DocumentStore, StoredVersion } from './store';

interface Row {
  did: string;
  version: number;
  update_time: number;
  token: string;
  registered_at: number;
}

const toVersion = (row: Row): StoredVersion => ({
  did: row.did,
  version: row.version,
  updateTime: row.update_time,
  token: row.token,
  registeredAt: row.registered_at,
});

export function openSqliteStore(file: string): DocumentStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS document_versions (
    did TEXT NOT NULL,
    version INTEGER NOT NULL,
    update_time INTEGER NOT NULL,
    token TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    PRIMARY KEY (did, version)
  )`);
  const headQuery = db.prepare<[string], Row>('SELECT * FROM document_versions WHERE did = ? ORDER BY version DESC LIMIT 1');
  const historyQuery = db.prepare<[string, number, number], Row>(
    'SELECT * FROM document_versions WHERE did = ? AND version > ? ORDER BY version ASC LIMIT ?',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO document_versions (did, version, update_time, token, registered_at) VALUES (?, ?, ?, ?, ?)',
  );
  const append = db.transaction(
    (entry: StoredVersion) => insert.run(entry.did, entry.version, entry.updateTime, entry.token, entry.registeredAt).changes === 1,
  );
  return {
    kind: 'sqlite',
    head: async (did) => {
      const row = headQuery.get(did);
      return row ? toVersion(row) : null;
    },
    history: async (did, after, limit) => historyQuery.all(did, after, limit).map(toVersion),
    append: async (entry) => append.immediate(entry),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}
