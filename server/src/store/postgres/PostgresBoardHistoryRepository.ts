import type pg from 'pg'
import type { BoardHistoryRepository, StoredBoardHistory } from '../../recording/BoardHistoryRepository'

interface Row {
  format: number
  last_seq: number
  body: Buffer
}

/** The computed board history of each session, one row per session, in PostgreSQL. */
export class PostgresBoardHistoryRepository implements BoardHistoryRepository {
  constructor(private readonly db: pg.Pool) {}

  async get(sessionId: string): Promise<StoredBoardHistory | null> {
    const { rows } = await this.db.query<Row>(
      'SELECT format, last_seq, body FROM board_history WHERE session_id = $1',
      [sessionId],
    )
    const row = rows[0]
    return row ? { format: row.format, lastSeq: row.last_seq, body: row.body } : null
  }

  async put(sessionId: string, history: StoredBoardHistory): Promise<void> {
    // As in SQLite: a deleted session gets no row, and an older history never replaces a newer one.
    await this.db.query(
      `INSERT INTO board_history (session_id, format, last_seq, body)
       SELECT $1::text, $2::int, $3::bigint, $4::bytea WHERE EXISTS (SELECT 1 FROM sessions WHERE id = $1)
       ON CONFLICT (session_id) DO UPDATE SET format = EXCLUDED.format, last_seq = EXCLUDED.last_seq,
         body = EXCLUDED.body
       WHERE EXCLUDED.last_seq >= board_history.last_seq OR EXCLUDED.format <> board_history.format`,
      [sessionId, history.format, history.lastSeq, history.body],
    )
  }
}
