import type pg from 'pg'

/** The layout of the data this build writes, kept in `tradeoff_meta` (the SQLite store's is PRAGMA user_version). */
const DATA_FORMAT = 1

/** Any number both builds agree on: the key of the lock held while the schema is created. */
const SCHEMA_LOCK = 7_141_020_001

/** The same tables as the SQLite store, blobs as `bytea` (encoded by `blobCodec.ts` in both). */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS tradeoff_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_updates (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  author TEXT NOT NULL,
  update_bytes BYTEA NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  state BYTEA NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
);
CREATE TABLE IF NOT EXISTS store_probe (
  id INTEGER PRIMARY KEY,
  at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  prompt_json TEXT NOT NULL,
  state_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (session_id, token_hash)
);
CREATE TABLE IF NOT EXISTS session_events (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  role TEXT,
  name TEXT,
  detail TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS scorecards (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  author TEXT NOT NULL,
  body_json TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  PRIMARY KEY (session_id, author)
);
CREATE TABLE IF NOT EXISTS board_history (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  format INTEGER NOT NULL,
  last_seq BIGINT NOT NULL,
  body BYTEA NOT NULL
);
`

/**
 * Creates the tables that are missing and checks the data's format. Safe when several server
 * processes start at once: the work runs in one transaction holding an advisory lock, so one
 * process creates the tables and the others find them. Throws, naming what to do, on data
 * written in another format.
 */
export async function ensureSchema(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK])
    await client.query(SCHEMA)
    await client.query(
      "INSERT INTO tradeoff_meta (key, value) VALUES ('format', $1) ON CONFLICT (key) DO NOTHING",
      [String(DATA_FORMAT)],
    )
    const { rows } = await client.query<{ value: string }>(
      "SELECT value FROM tradeoff_meta WHERE key = 'format'",
    )
    const format = rows[0]?.value
    if (format !== String(DATA_FORMAT)) {
      throw new Error(
        `the data in this PostgreSQL database is in format ${format}, this build reads format ${DATA_FORMAT}: ` +
          'point DATABASE_URL at an empty database',
      )
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}
