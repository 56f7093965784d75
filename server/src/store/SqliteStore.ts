import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { decodeBlob, encodeSnapshotBlob, encodeUpdateBlob } from './blobCodec'
import { type EncodedDocLog, encodedRows } from './encodedDocLog'
import {
  type DocKey,
  type LoggedUpdate,
  SessionGone,
  type Snapshot,
  type Store,
  type StoredDoc,
} from './Store'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  update_bytes BLOB NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_snapshots (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS store_probe (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL
);
`

interface UpdateRow {
  seq: number
  at: number
  author: string
  update_bytes: Buffer
}

/** An append waiting for the batch of its tick to commit. */
interface PendingAppend {
  key: DocKey
  blob: Buffer
  at: number
  author: string
  resolve: (seq: number) => void
  reject: (error: unknown) => void
}

interface SnapshotRow {
  seq: number
  at: number
  state: Buffer
}

/**
 * The embedded default store: one SQLite file (`tradeoff.db`) in `dataDir`, in WAL mode.
 *
 * Appends made within one turn of the event loop are written in one transaction (one WAL commit
 * instead of one per update), committed when the turn's I/O callbacks are done (`setImmediate`);
 * each append's promise resolves with its own sequence number only after that commit, so an
 * update is still stored (and survives a killed process) before the caller can fan it out. If the
 * commit fails, every append of the batch rejects and none of them is stored. Every other method
 * first commits the appends waiting, so it sees them. Snapshots are kept alongside the log rather
 * than replacing it, because the recording replays the log.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database
  private readonly statements
  private readonly lastSeqs = new Map<string, number>()
  private pending: PendingAppend[] = []
  private flushScheduled: NodeJS.Immediate | null = null
  /** Inserts a batch in one transaction; returns each append's sequence number, in batch order. */
  private readonly commitBatch: (batch: PendingAppend[], lastSeqs: Map<string, number>) => number[]

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true })
    this.db = new Database(join(dataDir, 'tradeoff.db'))
    this.db.pragma('journal_mode = WAL')
    // NORMAL in WAL mode: a commit survives a process crash; only a power loss may drop the last ones.
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('busy_timeout = 5000')
    this.db.pragma('foreign_keys = ON')
    checkFormat(this.db)
    this.db.exec(SCHEMA)
    this.statements = {
      lastSeq: this.db.prepare<[string, string], { seq: number | null }>(
        'SELECT MAX(seq) AS seq FROM doc_updates WHERE session_id = ? AND doc = ?',
      ),
      insertUpdate: this.db.prepare<[string, string, number, number, string, Buffer]>(
        'INSERT INTO doc_updates (session_id, doc, seq, at, author, update_bytes) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      updatesBetween: this.db.prepare<[string, string, number, number], UpdateRow>(
        'SELECT seq, at, author, update_bytes FROM doc_updates WHERE session_id = ? AND doc = ? AND seq >= ? AND seq <= ? ORDER BY seq',
      ),
      newestSnapshot: this.db.prepare<[string, string], SnapshotRow>(
        'SELECT seq, at, state FROM doc_snapshots WHERE session_id = ? AND doc = ? ORDER BY seq DESC LIMIT 1',
      ),
      snapshotBefore: this.db.prepare<[string, string, number], SnapshotRow>(
        'SELECT seq, at, state FROM doc_snapshots WHERE session_id = ? AND doc = ? AND at <= ? ORDER BY seq DESC LIMIT 1',
      ),
      updatesUntil: this.db.prepare<[string, string, number, number], UpdateRow>(
        'SELECT seq, at, author, update_bytes FROM doc_updates WHERE session_id = ? AND doc = ? AND seq > ? AND at <= ? ORDER BY seq',
      ),
      logSize: this.db.prepare<[string, string], { updates: number; bytes: number | null }>(
        'SELECT COUNT(*) AS updates, SUM(LENGTH(update_bytes)) AS bytes FROM doc_updates WHERE session_id = ? AND doc = ?',
      ),
      probe: this.db.prepare<[number]>('INSERT OR REPLACE INTO store_probe (id, at) VALUES (1, ?)'),
      insertSnapshot: this.db.prepare<[string, string, number, number, Buffer]>(
        'INSERT OR REPLACE INTO doc_snapshots (session_id, doc, seq, at, state) VALUES (?, ?, ?, ?, ?)',
      ),
    }
    this.commitBatch = this.db.transaction((batch: PendingAppend[], lastSeqs: Map<string, number>) =>
      batch.map(({ key, at, author, blob }) => {
        const id = docId(key)
        const seq = (lastSeqs.get(id) ?? this.lastSeqOf(key)) + 1
        this.statements.insertUpdate.run(key.sessionId, key.doc, seq, at, author, blob)
        lastSeqs.set(id, seq)
        return seq
      }),
    )
  }

  async loadDoc(key: DocKey): Promise<StoredDoc> {
    this.flushPending()
    const row = this.statements.newestSnapshot.get(key.sessionId, key.doc)
    const snapshot: Snapshot | null = row ? { seq: row.seq, at: row.at, state: decodeBlob(row.state) } : null
    const updates = await this.readUpdates(key, (snapshot?.seq ?? 0) + 1)
    return { snapshot, updates }
  }

  /** Queues the append for this tick's transaction; resolves once that transaction committed. */
  appendUpdate(key: DocKey, update: Uint8Array, meta: { at: number; author: string }): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({
        key,
        blob: encodeUpdateBlob(update),
        at: meta.at,
        author: meta.author,
        resolve,
        reject,
      })
      this.scheduleFlush()
    })
  }

  /** Commits the appends waiting once this turn's I/O callbacks ran (again later if it could not). */
  private scheduleFlush(): void {
    this.flushScheduled ??= setImmediate(() => {
      this.flushScheduled = null
      this.flushPending()
      if (this.pending.length > 0) this.scheduleFlush()
    })
  }

  /**
   * Commits the appends waiting, in one transaction, then settles their promises: each with its
   * sequence number, or all with the error when the commit failed (nothing of the batch stored).
   * Inside a transaction of someone else's it does nothing: what it wrote could still roll back.
   */
  private flushPending(): void {
    if (!this.db.open) this.refusePending(null, new Error('the store is closed'))
    if (this.pending.length === 0 || this.db.inTransaction) return
    if (this.flushScheduled) clearImmediate(this.flushScheduled)
    this.flushScheduled = null
    const batch = this.pending
    this.pending = []
    // The batch's numbers are kept apart until it committed: a rolled-back batch numbers nothing.
    const lastSeqs = new Map<string, number>()
    let seqs: number[]
    try {
      seqs = this.commitBatch(batch, lastSeqs)
    } catch (error) {
      for (const append of batch) append.reject(error)
      return
    }
    for (const [id, seq] of lastSeqs) this.lastSeqs.set(id, seq)
    for (const [i, append] of batch.entries()) append.resolve(seqs[i] ?? 0)
  }

  /** The last sequence number of a document's committed log (0 when empty). */
  private lastSeqOf(key: DocKey): number {
    return this.lastSeqs.get(docId(key)) ?? this.statements.lastSeq.get(key.sessionId, key.doc)?.seq ?? 0
  }

  /**
   * `appendUpdate`, synchronously (tests write logs inside a transaction of their own). One INSERT,
   * committed on return. This process is the only writer of its database, so the last sequence
   * number of each document is kept in memory after the first look-up instead of asked each time.
   */
  appendUpdateNow(key: DocKey, update: Uint8Array, meta: { at: number; author: string }): number {
    this.flushPending()
    const seq = this.lastSeqOf(key) + 1
    this.statements.insertUpdate.run(
      key.sessionId,
      key.doc,
      seq,
      meta.at,
      meta.author,
      encodeUpdateBlob(update),
    )
    this.lastSeqs.set(docId(key), seq)
    return seq
  }

  async writeSnapshot(key: DocKey, snapshot: Snapshot): Promise<void> {
    this.flushPending()
    const blob = encodeSnapshotBlob(snapshot.state)
    this.statements.insertSnapshot.run(key.sessionId, key.doc, snapshot.seq, snapshot.at, blob)
  }

  /**
   * Inserts a whole encoded log under a session that has none yet (imports), synchronously, so
   * it can run inside the import's transaction. Its rows are numbered from 1 and the in-memory
   * sequence numbers are left alone, so a rolled-back import leaves nothing behind.
   */
  insertLogNow(sessionId: string, createdAt: number, log: EncodedDocLog): void {
    for (const row of encodedRows(log, createdAt)) {
      this.statements.insertUpdate.run(sessionId, log.doc, row.seq, row.at, row.author, row.blob)
      if (row.snapshot) this.statements.insertSnapshot.run(sessionId, log.doc, row.seq, row.at, row.snapshot)
    }
  }

  async readUpdates(key: DocKey, fromSeq: number, toSeq = Number.MAX_SAFE_INTEGER): Promise<LoggedUpdate[]> {
    this.flushPending()
    return this.statements.updatesBetween.all(key.sessionId, key.doc, fromSeq, toSeq).map(toLoggedUpdate)
  }

  async snapshotAtOrBefore(key: DocKey, at: number): Promise<Snapshot | null> {
    this.flushPending()
    const row = this.statements.snapshotBefore.get(key.sessionId, key.doc, at)
    return row ? { seq: row.seq, at: row.at, state: decodeBlob(row.state) } : null
  }

  async readUpdatesUntil(key: DocKey, afterSeq: number, at: number): Promise<LoggedUpdate[]> {
    this.flushPending()
    return this.statements.updatesUntil.all(key.sessionId, key.doc, afterSeq, at).map(toLoggedUpdate)
  }

  async logSize(key: DocKey): Promise<{ updates: number; bytes: number }> {
    this.flushPending()
    const row = this.statements.logSize.get(key.sessionId, key.doc)
    return { updates: row?.updates ?? 0, bytes: row?.bytes ?? 0 }
  }

  async probeWrite(): Promise<void> {
    this.flushPending()
    this.statements.probe.run(Date.now())
  }

  /** Deletes every update and snapshot of a session's documents (inside `SqliteStorage`'s transaction). */
  deleteSession(sessionId: string): void {
    this.refusePending(sessionId, new SessionGone(sessionId))
    for (const id of this.lastSeqs.keys()) if (id.startsWith(`${sessionId}/`)) this.lastSeqs.delete(id)
    this.db.prepare('DELETE FROM doc_updates WHERE session_id = ?').run(sessionId)
    this.db.prepare('DELETE FROM doc_snapshots WHERE session_id = ?').run(sessionId)
  }

  async lastUpdateAt(key: DocKey): Promise<number | null> {
    this.flushPending()
    const row = this.db
      .prepare<[string, string], { at: number | null }>(
        'SELECT MAX(at) AS at FROM doc_updates WHERE session_id = ? AND doc = ?',
      )
      .get(key.sessionId, key.doc)
    return row?.at ?? null
  }

  async close(): Promise<void> {
    this.flushPending()
    if (this.db.open) this.db.close()
    this.flushPending()
  }

  /**
   * Rejects the appends waiting for `sessionId` (every one when null): a session deleted inside
   * someone's transaction must not get rows back when the batch commits after it.
   */
  private refusePending(sessionId: string | null, error: Error): void {
    const refused = this.pending.filter((append) => sessionId === null || append.key.sessionId === sessionId)
    if (refused.length === 0) return
    this.pending = this.pending.filter((append) => !refused.includes(append))
    for (const append of refused) append.reject(error)
  }
}

function docId(key: DocKey): string {
  return `${key.sessionId}/${key.doc}`
}

function toLoggedUpdate(row: UpdateRow): LoggedUpdate {
  return { seq: row.seq, at: row.at, author: row.author, update: decodeBlob(row.update_bytes) }
}

/** The layout of the data this build writes (PRAGMA user_version). */
const DATA_FORMAT = 1

/**
 * Refuses a database written in another layout instead of failing later on its rows: a fresh
 * file gets this build's version; an older one (from a development build before stored blobs
 * were compressed) stops the start with a clear message.
 */
function checkFormat(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  const hasTables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
    n: number
  }
  if (version === DATA_FORMAT) return
  if (version === 0 && hasTables.n === 0) {
    db.pragma(`user_version = ${DATA_FORMAT}`)
    return
  }
  throw new Error(
    `the data in ${db.name} is in format ${version}, this build reads format ${DATA_FORMAT}: ` +
      'start with an empty DATA_DIR (move the old one away)',
  )
}
