import type { Scorecard, ScorecardBody } from '@tradeoff/shared'
import type Database from 'better-sqlite3'
import type { ScorecardRepository } from './ScorecardRepository'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scorecards (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  author TEXT NOT NULL,
  body_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  submitted_at INTEGER,
  PRIMARY KEY (session_id, author)
) WITHOUT ROWID;
`

interface Row {
  author: string
  body_json: string
  updated_at: number
  submitted_at: number | null
}

/**
 * Scorecards, one per interviewer per session, in the shared SQLite file. A submitted scorecard
 * is never changed again: `save` refuses to touch it (the WHERE clause), so the rule holds even
 * under racing requests.
 */
export class SqliteScorecardRepository implements ScorecardRepository {
  private readonly statements

  constructor(db: Database.Database) {
    db.exec(SCHEMA)
    this.statements = {
      all: db.prepare<[string], Row>('SELECT * FROM scorecards WHERE session_id = ? ORDER BY author'),
      upsert: db.prepare<[string, string, string, number, number | null]>(
        `INSERT INTO scorecards (session_id, author, body_json, updated_at, submitted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (session_id, author) DO UPDATE SET body_json = excluded.body_json,
           updated_at = excluded.updated_at, submitted_at = excluded.submitted_at
         WHERE scorecards.submitted_at IS NULL`,
      ),
      deleteAll: db.prepare<[string]>('DELETE FROM scorecards WHERE session_id = ?'),
      insert: db.prepare<[string, string, string, number, number | null]>(
        'INSERT INTO scorecards (session_id, author, body_json, updated_at, submitted_at) VALUES (?, ?, ?, ?, ?)',
      ),
    }
  }

  async list(sessionId: string): Promise<Scorecard[]> {
    return this.statements.all.all(sessionId).map((row) => ({
      ...(JSON.parse(row.body_json) as ScorecardBody),
      author: row.author,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
    }))
  }

  /** Deletes every scorecard of a session (inside `SqliteStorage`'s transaction). */
  deleteAll(sessionId: string): void {
    this.statements.deleteAll.run(sessionId)
  }

  /** Restores a scorecard as it was (inside `SqliteStorage`'s import transaction). */
  restore(sessionId: string, card: Scorecard): void {
    const { author, updatedAt, submittedAt, ...body } = card
    this.statements.insert.run(sessionId, author, JSON.stringify(body), updatedAt, submittedAt)
  }

  async save(
    sessionId: string,
    author: string,
    body: ScorecardBody,
    now: number,
    submit: boolean,
  ): Promise<boolean> {
    const result = this.statements.upsert.run(
      sessionId,
      author,
      JSON.stringify(body),
      now,
      submit ? now : null,
    )
    return result.changes > 0
  }
}
