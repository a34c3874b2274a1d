/**
 * The shared store: PostgreSQL (pg). Several resolvers may point at one database; the primary key
 * (did, version) decides which of two racing updates is stored.
 */
import pg from 'pg';
import type { DocumentStore, StoredVersion } from './store';

interface Row {
  did: string;
  version: number;
  update_time: string;
  token: string;
  registered_at: string;
}

const toVersion = (row: Row): StoredVersion => ({
  did: row.did,
  version: row.version,
  updateTime: Number(row.update_time),
  token: row.token,
  registeredAt: Number(row.registered_at),
});

/** Any constant: serialises schema creation between resolvers starting at the same moment. */
const SCHEMA_LOCK = 0x5161_1e50;

export async function openPostgresStore(url: string): Promise<DocumentStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the resolver; the next query reconnects.
  pool.on('error', () => {});
  const client = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(`cannot connect to PostgreSQL: ${error.message}`);
  });
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS document_versions (
      did TEXT NOT NULL,
      version INTEGER NOT NULL,
      update_time BIGINT NOT NULL,
      token TEXT NOT NULL,
      registered_at BIGINT NOT NULL,
      PRIMARY KEY (did, version)
    )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return {
    kind: 'postgres',
    head: async (did) => {
      const result = await pool.query<Row>('SELECT * FROM document_versions WHERE did = $1 ORDER BY version DESC LIMIT 1', [did]);
      return result.rows[0] ? toVersion(result.rows[0]) : null;
    },
    history: async (did, after, limit) =>
      (
        await pool.query<Row>('SELECT * FROM document_versions WHERE did = $1 AND version > $2 ORDER BY version ASC LIMIT $3', [
          did,
          after,
          limit,
        ])
      ).rows.map(toVersion),
    append: async (entry) => {
      const result = await pool.query(
        `INSERT INTO document_versions (did, version, update_time, token, registered_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (did, version) DO NOTHING`,
        [entry.did, entry.version, entry.updateTime, entry.token, entry.registeredAt],
      );
      return result.rowCount === 1;
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
