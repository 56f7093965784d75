import type pg from 'pg'
import { decodeBlob, encodeSnapshotBlob, encodeUpdateBlob } from '../blobCodec'
import { type EncodedDocLog, encodedRows } from '../encodedDocLog'
import {
  type DocKey,
  type LoggedUpdate,
  SessionGone,
  type Snapshot,
  type Store,
  type StoredDoc,
} from '../Store'
import { type Queryable, retryOnConflict } from './sql'

/** PostgreSQL's SQLSTATE for a row pointing at a row that is not there. */
const FOREIGN_KEY_VIOLATION = '23503'

interface UpdateRow {
  seq: number
  at: number
  author: string
  update_bytes: Buffer
}

interface SnapshotRow {
  seq: number
  at: number
  state: Buffer
}

/** Rows an import inserts per statement: large enough to be quick, small enough to stay under the protocol's limits. */
const IMPORT_BATCH = 500

/**
 * The document log in PostgreSQL. Several server processes may append to the same document: each
 * append numbers its row from the stored maximum in the INSERT itself, and the primary key
 * refuses a second row with the same number, so the loser of a race numbers its row again. The
 * log stays gapless and in commit order. Blobs are encoded as in the SQLite store.
 */
export class PostgresStore implements Store {
  constructor(private readonly db: pg.Pool) {}

  async loadDoc(key: DocKey): Promise<StoredDoc> {
    const { rows } = await this.db.query<SnapshotRow>(
      'SELECT seq, at, state FROM doc_snapshots WHERE session_id = $1 AND doc = $2 ORDER BY seq DESC LIMIT 1',
      [key.sessionId, key.doc],
    )
    const snapshot = rows[0] ? toSnapshot(rows[0]) : null
    return { snapshot, updates: await this.readUpdates(key, (snapshot?.seq ?? 0) + 1) }
  }

  async appendUpdate(key: DocKey, update: Uint8Array, meta: { at: number; author: string }): Promise<number> {
    const blob = encodeUpdateBlob(update)
    return retryOnConflict(async () => {
      const { rows } = await this.db.query<{ seq: number }>(
        `INSERT INTO doc_updates (session_id, doc, seq, at, author, update_bytes)
         SELECT $1::text, $2::text, COALESCE(MAX(seq), 0) + 1, $3::bigint, $4::text, $5::bytea
         FROM doc_updates WHERE session_id = $1 AND doc = $2
         RETURNING seq`,
        [key.sessionId, key.doc, meta.at, meta.author, blob],
      )
      const seq = rows[0]?.seq
      if (seq === undefined) throw new Error('the append returned no sequence number')
      return seq
    }).catch((error: unknown) => {
      // Every row points at its session: a broken reference means the session was deleted meanwhile.
      if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) throw new SessionGone(key.sessionId)
      throw error
    })
  }

  async writeSnapshot(key: DocKey, snapshot: Snapshot): Promise<void> {
    await writeSnapshotRow(this.db, key, snapshot.seq, snapshot.at, encodeSnapshotBlob(snapshot.state))
  }

  async readUpdates(key: DocKey, fromSeq: number, toSeq = Number.MAX_SAFE_INTEGER): Promise<LoggedUpdate[]> {
    const { rows } = await this.db.query<UpdateRow>(
      `SELECT seq, at, author, update_bytes FROM doc_updates
       WHERE session_id = $1 AND doc = $2 AND seq >= $3 AND seq <= $4 ORDER BY seq`,
      [key.sessionId, key.doc, fromSeq, toSeq],
    )
    return rows.map(toLoggedUpdate)
  }

  async snapshotAtOrBefore(key: DocKey, at: number): Promise<Snapshot | null> {
    const { rows } = await this.db.query<SnapshotRow>(
      `SELECT seq, at, state FROM doc_snapshots
       WHERE session_id = $1 AND doc = $2 AND at <= $3 ORDER BY seq DESC LIMIT 1`,
      [key.sessionId, key.doc, at],
    )
    return rows[0] ? toSnapshot(rows[0]) : null
  }

  async readUpdatesUntil(key: DocKey, afterSeq: number, at: number): Promise<LoggedUpdate[]> {
    const { rows } = await this.db.query<UpdateRow>(
      `SELECT seq, at, author, update_bytes FROM doc_updates
       WHERE session_id = $1 AND doc = $2 AND seq > $3 AND at <= $4 ORDER BY seq`,
      [key.sessionId, key.doc, afterSeq, at],
    )
    return rows.map(toLoggedUpdate)
  }

  async lastUpdateAt(key: DocKey): Promise<number | null> {
    const { rows } = await this.db.query<{ at: number | null }>(
      'SELECT MAX(at) AS at FROM doc_updates WHERE session_id = $1 AND doc = $2',
      [key.sessionId, key.doc],
    )
    return rows[0]?.at ?? null
  }

  async logSize(key: DocKey): Promise<{ updates: number; bytes: number }> {
    const { rows } = await this.db.query<{ updates: number; bytes: number | null }>(
      `SELECT COUNT(*) AS updates, SUM(LENGTH(update_bytes))::bigint AS bytes
       FROM doc_updates WHERE session_id = $1 AND doc = $2`,
      [key.sessionId, key.doc],
    )
    return { updates: rows[0]?.updates ?? 0, bytes: rows[0]?.bytes ?? 0 }
  }

  async probeWrite(): Promise<void> {
    await this.db.query(
      'INSERT INTO store_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at',
      [Date.now()],
    )
  }

  /** Nothing of its own to release: the pool belongs to `PostgresStorage`. */
  async close(): Promise<void> {}
}

/**
 * Inserts a whole encoded log under a session that has none yet, numbered from 1, a batch of rows
 * per statement. Call inside the import's transaction.
 */
export async function insertLog(
  db: Queryable,
  sessionId: string,
  createdAt: number,
  log: EncodedDocLog,
): Promise<void> {
  let batch: ReturnType<typeof newBatch> = newBatch()
  const flush = async () => {
    if (batch.seqs.length === 0) return
    await db.query(
      `INSERT INTO doc_updates (session_id, doc, seq, at, author, update_bytes)
       SELECT $1::text, $2::text, * FROM UNNEST($3::bigint[], $4::bigint[], $5::text[], $6::bytea[])`,
      [sessionId, log.doc, batch.seqs, batch.ats, batch.authors, batch.blobs],
    )
    batch = newBatch()
  }
  for (const row of encodedRows(log, createdAt)) {
    batch.seqs.push(row.seq)
    batch.ats.push(row.at)
    batch.authors.push(row.author)
    batch.blobs.push(row.blob)
    if (row.snapshot) await writeSnapshotRow(db, { sessionId, doc: log.doc }, row.seq, row.at, row.snapshot)
    if (batch.seqs.length >= IMPORT_BATCH) await flush()
  }
  await flush()
}

function newBatch() {
  return { seqs: [] as number[], ats: [] as number[], authors: [] as string[], blobs: [] as Buffer[] }
}

async function writeSnapshotRow(
  db: Queryable,
  key: DocKey,
  seq: number,
  at: number,
  blob: Buffer,
): Promise<void> {
  await db.query(
    `INSERT INTO doc_snapshots (session_id, doc, seq, at, state) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (session_id, doc, seq) DO UPDATE SET at = EXCLUDED.at, state = EXCLUDED.state`,
    [key.sessionId, key.doc, seq, at, blob],
  )
}

function toLoggedUpdate(row: UpdateRow): LoggedUpdate {
  return { seq: row.seq, at: row.at, author: row.author, update: decodeBlob(row.update_bytes) }
}

function toSnapshot(row: SnapshotRow): Snapshot {
  return { seq: row.seq, at: row.at, state: decodeBlob(row.state) }
}
