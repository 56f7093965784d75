import type { Scorecard, ScorecardBody } from '@tradeoff/shared'
import type pg from 'pg'
import type { ScorecardRepository } from '../../scorecards/ScorecardRepository'
import type { Queryable } from './sql'

interface Row {
  author: string
  body_json: string
  updated_at: number
  submitted_at: number | null
}

/**
 * Scorecards in PostgreSQL. As in SQLite, a submitted scorecard is never changed again: the
 * upsert's WHERE clause refuses to touch it, which holds under racing requests and processes.
 */
export class PostgresScorecardRepository implements ScorecardRepository {
  constructor(private readonly db: pg.Pool) {}

  async list(sessionId: string): Promise<Scorecard[]> {
    const { rows } = await this.db.query<Row>(
      'SELECT author, body_json, updated_at, submitted_at FROM scorecards WHERE session_id = $1 ORDER BY author',
      [sessionId],
    )
    return rows.map((row) => ({
      ...(JSON.parse(row.body_json) as ScorecardBody),
      author: row.author,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
    }))
  }

  async save(
    sessionId: string,
    author: string,
    body: ScorecardBody,
    now: number,
    submit: boolean,
  ): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO scorecards (session_id, author, body_json, updated_at, submitted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id, author) DO UPDATE SET body_json = EXCLUDED.body_json,
         updated_at = EXCLUDED.updated_at, submitted_at = EXCLUDED.submitted_at
       WHERE scorecards.submitted_at IS NULL`,
      [sessionId, author, JSON.stringify(body), now, submit ? now : null],
    )
    return (result.rowCount ?? 0) > 0
  }
}

/** Restores a scorecard as it was; call inside the import's transaction. */
export async function restoreScorecard(db: Queryable, sessionId: string, card: Scorecard): Promise<void> {
  const { author, updatedAt, submittedAt, ...body } = card
  await db.query(
    'INSERT INTO scorecards (session_id, author, body_json, updated_at, submitted_at) VALUES ($1, $2, $3, $4, $5)',
    [sessionId, author, JSON.stringify(body), updatedAt, submittedAt],
  )
}
