import type Database from 'better-sqlite3'
import type { BoardHistoryRepository, StoredBoardHistory } from './BoardHistoryRepository'

// Derived data, so adding this table leaves the database format (PRAGMA user_version) as it was:
// an older build opening the file ignores the table, and deleting a session there still removes
// its row through the cascade.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS board_history (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  format INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  body BLOB NOT NULL
) WITHOUT ROWID;
`

interface Row {
  format: number
  last_seq: number
  body: Buffer
}

/** The computed board history of each session, one row per session in the shared SQLite file. */
export class SqliteBoardHistoryRepository implements BoardHistoryRepository {
  private readonly statements

  constructor(db: Database.Database) {
    db.exec(SCHEMA)
    this.statements = {
      get: db.prepare<[string], Row>('SELECT format, last_seq, body FROM board_history WHERE session_id = ?'),
      // A session deleted while its history was being computed gets no row. A history older than
      // the stored one (two computations racing) does not replace it.
      put: db.prepare<[string, number, number, Buffer, string]>(
        `INSERT INTO board_history (session_id, format, last_seq, body)
         SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ?)
         ON CONFLICT (session_id) DO UPDATE SET format = excluded.format, last_seq = excluded.last_seq, body = excluded.body
         WHERE excluded.last_seq >= board_history.last_seq OR excluded.format <> board_history.format`,
      ),
      delete: db.prepare<[string]>('DELETE FROM board_history WHERE session_id = ?'),
    }
  }

  async get(sessionId: string): Promise<StoredBoardHistory | null> {
    const row = this.statements.get.get(sessionId)
    return row ? { format: row.format, lastSeq: row.last_seq, body: row.body } : null
  }

  async put(sessionId: string, history: StoredBoardHistory): Promise<void> {
    const { format, lastSeq, body } = history
    this.statements.put.run(sessionId, format, lastSeq, body, sessionId)
  }

  /** Deletes the stored history of a session (inside `SqliteStorage`'s transaction). */
  delete(sessionId: string): void {
    this.statements.delete.run(sessionId)
  }
}
