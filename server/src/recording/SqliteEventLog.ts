import type { Role, SessionEvent, SessionEventKind } from '@tradeoff/shared'
import type Database from 'better-sqlite3'
import type { EventLog } from './EventLog'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS session_events (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  role TEXT,
  name TEXT,
  detail TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
`

interface Row {
  at: number
  kind: SessionEventKind
  role: Role | null
  name: string | null
  detail: string
}

/**
 * The session events of the recording (joins, leaves, clock, phases, hints, scorecards), kept in
 * order beside the document log. Times are server milliseconds since the epoch in the table and
 * milliseconds since the session's creation when read.
 */
export class SqliteEventLog implements EventLog {
  private readonly statements

  constructor(db: Database.Database) {
    db.exec(SCHEMA)
    this.statements = {
      append: db.prepare<[string, string, number, string, string | null, string | null, string]>(
        `INSERT INTO session_events (session_id, seq, at, kind, role, name, detail)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM session_events WHERE session_id = ?), ?, ?, ?, ?, ?)`,
      ),
      list: db.prepare<[number, string], Row>(
        'SELECT at - ? AS at, kind, role, name, detail FROM session_events WHERE session_id = ? ORDER BY seq',
      ),
      deleteAll: db.prepare<[string]>('DELETE FROM session_events WHERE session_id = ?'),
      countPresence: db.prepare<[string], { n: number }>(
        "SELECT COUNT(*) AS n FROM session_events WHERE session_id = ? AND kind IN ('join', 'leave')",
      ),
    }
  }

  /** Deletes every event of a session (inside `SqliteStorage`'s transaction). */
  deleteAll(sessionId: string): void {
    this.statements.deleteAll.run(sessionId)
  }

  async append(sessionId: string, at: number, event: Omit<SessionEvent, 'at'>): Promise<void> {
    this.appendNow(sessionId, at, event)
  }

  /** `append`, synchronously (inside `SqliteStorage`'s import transaction). */
  appendNow(sessionId: string, at: number, event: Omit<SessionEvent, 'at'>): void {
    this.statements.append.run(sessionId, sessionId, at, event.kind, event.role, event.name, event.detail)
  }

  async countPresence(sessionId: string): Promise<number> {
    return this.statements.countPresence.get(sessionId)?.n ?? 0
  }

  async list(sessionId: string, createdAt: number): Promise<SessionEvent[]> {
    return this.statements.list.all(createdAt, sessionId)
  }
}
