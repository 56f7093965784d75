import type { Role, SessionEvent, SessionEventKind } from '@tradeoff/shared'
import type pg from 'pg'
import type { EventLog } from '../../recording/EventLog'
import { type Queryable, retryOnConflict } from './sql'

interface Row {
  at: number
  kind: SessionEventKind
  role: Role | null
  name: string | null
  detail: string
}

/**
 * The session events in PostgreSQL. Each append numbers its row from the session's maximum in the
 * INSERT itself; with several processes appending, the primary key refuses a duplicate number and
 * the loser numbers its row again.
 */
export class PostgresEventLog implements EventLog {
  constructor(private readonly db: pg.Pool) {}

  async append(sessionId: string, at: number, event: Omit<SessionEvent, 'at'>): Promise<void> {
    await retryOnConflict(() => appendEvent(this.db, sessionId, at, event))
  }

  async countPresence(sessionId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM session_events WHERE session_id = $1 AND kind IN ('join', 'leave')",
      [sessionId],
    )
    return rows[0]?.n ?? 0
  }

  async list(sessionId: string, createdAt: number): Promise<SessionEvent[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT at - $1::bigint AS at, kind, role, name, detail FROM session_events
       WHERE session_id = $2 ORDER BY seq`,
      [createdAt, sessionId],
    )
    return rows
  }
}

/** Appends one event at server time `at`; inside the import's transaction, or alone. */
export async function appendEvent(
  db: Queryable,
  sessionId: string,
  at: number,
  event: Omit<SessionEvent, 'at'>,
): Promise<void> {
  await db.query(
    `INSERT INTO session_events (session_id, seq, at, kind, role, name, detail)
     SELECT $1::text, COALESCE(MAX(seq), 0) + 1, $2::bigint, $3::text, $4::text, $5::text, $6::text
     FROM session_events WHERE session_id = $1`,
    [sessionId, at, event.kind, event.role, event.name, event.detail],
  )
}

/** Inserts a new session's whole timeline, numbered from 1, `at` in ms since `createdAt` (imports). */
export async function insertEvents(
  db: Queryable,
  sessionId: string,
  createdAt: number,
  events: readonly SessionEvent[],
): Promise<void> {
  if (events.length === 0) return
  await db.query(
    `INSERT INTO session_events (session_id, seq, at, kind, role, name, detail)
     SELECT $1::text, * FROM UNNEST($2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      sessionId,
      events.map((_, index) => index + 1),
      events.map((event) => createdAt + event.at),
      events.map((event) => event.kind),
      events.map((event) => event.role),
      events.map((event) => event.name),
      events.map((event) => event.detail),
    ],
  )
}
