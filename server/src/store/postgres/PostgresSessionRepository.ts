import { type Prompt, type Role, type SessionState, sessionStateSchema } from '@tradeoff/shared'
import type pg from 'pg'
import type { SessionRepository, StoredParticipant, StoredSession } from '../../sessions/SessionRepository'
import { sameHash } from '../../sessions/tokens'
import { inTransaction, type Queryable } from './sql'

interface SessionRow {
  id: string
  title: string
  created_at: number
  prompt_json: string
  state_json: string
}

interface ParticipantRow {
  token_hash: string
  role: Role
  name: string
}

/** Sessions and participants in PostgreSQL, in the same tables as the SQLite store. */
export class PostgresSessionRepository implements SessionRepository {
  constructor(private readonly db: pg.Pool) {}

  async create(session: StoredSession): Promise<void> {
    await inTransaction(this.db, (client) => insertSession(client, session))
  }

  async get(id: string): Promise<StoredSession | null> {
    const { rows } = await this.db.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id])
    const row = rows[0]
    if (!row) return null
    const participants = await this.db.query<ParticipantRow>(
      'SELECT token_hash, role, name FROM participants WHERE session_id = $1 ORDER BY position',
      [id],
    )
    return {
      id: row.id,
      title: row.title,
      createdAt: row.created_at,
      prompt: JSON.parse(row.prompt_json) as Prompt,
      // Parsed, so a state stored before a field existed gets that field's default.
      state: sessionStateSchema.parse(JSON.parse(row.state_json)),
      participants: participants.rows.map(toParticipant),
    }
  }

  async findParticipant(sessionId: string, tokenHash: string): Promise<StoredParticipant | null> {
    const { rows } = await this.db.query<ParticipantRow>(
      'SELECT token_hash, role, name FROM participants WHERE session_id = $1 AND token_hash = $2',
      [sessionId, tokenHash],
    )
    const row = rows[0]
    // The look-up is by hash; the comparison of what it found is made in constant time as well.
    return row && sameHash(row.token_hash, tokenHash) ? toParticipant(row) : null
  }

  async saveState(id: string, state: SessionState): Promise<boolean> {
    const result = await this.db.query('UPDATE sessions SET state_json = $1 WHERE id = $2', [
      JSON.stringify(state),
      id,
    ])
    return (result.rowCount ?? 0) > 0
  }
}

/** Inserts a session and its participants; call inside a transaction. */
export async function insertSession(db: Queryable, session: StoredSession): Promise<void> {
  const { id, title, createdAt, prompt, state, participants } = session
  await db.query(
    'INSERT INTO sessions (id, title, created_at, prompt_json, state_json) VALUES ($1, $2, $3, $4, $5)',
    [id, title, createdAt, JSON.stringify(prompt), JSON.stringify(state)],
  )
  await db.query(
    `INSERT INTO participants (session_id, token_hash, role, name, position)
     SELECT $1::text, * FROM UNNEST($2::text[], $3::text[], $4::text[], $5::int[])`,
    [
      id,
      participants.map((p) => p.tokenHash),
      participants.map((p) => p.role),
      participants.map((p) => p.name),
      participants.map((_, position) => position),
    ],
  )
}

function toParticipant(row: ParticipantRow): StoredParticipant {
  return { role: row.role, name: row.name, tokenHash: row.token_hash }
}
