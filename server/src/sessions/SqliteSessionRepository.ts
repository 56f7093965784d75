import { type Prompt, type Role, type SessionState, sessionStateSchema } from '@tradeoff/shared'
import type Database from 'better-sqlite3'
import type { SessionRepository, StoredParticipant, StoredSession } from './SessionRepository'
import { sameHash } from './tokens'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
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
) WITHOUT ROWID;
`

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

/** Sessions and participants in the same SQLite file as the document log. */
export class SqliteSessionRepository implements SessionRepository {
  private readonly statements

  constructor(db: Database.Database) {
    db.exec(SCHEMA)
    this.statements = {
      insertSession: db.prepare<[string, string, number, string, string]>(
        'INSERT INTO sessions (id, title, created_at, prompt_json, state_json) VALUES (?, ?, ?, ?, ?)',
      ),
      insertParticipant: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO participants (session_id, token_hash, role, name, position) VALUES (?, ?, ?, ?, ?)',
      ),
      session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
      participants: db.prepare<[string], ParticipantRow>(
        'SELECT token_hash, role, name FROM participants WHERE session_id = ? ORDER BY position',
      ),
      participant: db.prepare<[string, string], ParticipantRow>(
        'SELECT token_hash, role, name FROM participants WHERE session_id = ? AND token_hash = ?',
      ),
      saveState: db.prepare<[string, string]>('UPDATE sessions SET state_json = ? WHERE id = ?'),
      deleteParticipants: db.prepare<[string]>('DELETE FROM participants WHERE session_id = ?'),
      deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),
    }
    this.insertAll = db.transaction((session: StoredSession) => this.insertNow(session))
  }

  private readonly insertAll: (session: StoredSession) => void

  async create(session: StoredSession): Promise<void> {
    this.insertAll(session)
  }

  /** Inserts the session and its participants, synchronously (inside a caller's transaction). */
  insertNow(session: StoredSession): void {
    const { id, title, createdAt, prompt, state, participants } = session
    this.statements.insertSession.run(id, title, createdAt, JSON.stringify(prompt), JSON.stringify(state))
    participants.forEach((p, position) => {
      this.statements.insertParticipant.run(id, p.tokenHash, p.role, p.name, position)
    })
  }

  async get(id: string): Promise<StoredSession | null> {
    const row = this.statements.session.get(id)
    if (!row) return null
    return {
      id: row.id,
      title: row.title,
      createdAt: row.created_at,
      prompt: JSON.parse(row.prompt_json) as Prompt,
      // Parsed, so a state stored before a field existed gets that field's default.
      state: sessionStateSchema.parse(JSON.parse(row.state_json)),
      participants: this.statements.participants.all(id).map(toParticipant),
    }
  }

  async findParticipant(sessionId: string, tokenHash: string): Promise<StoredParticipant | null> {
    const row = this.statements.participant.get(sessionId, tokenHash)
    // The look-up is by hash; the comparison of what it found is made in constant time as well.
    return row && sameHash(row.token_hash, tokenHash) ? toParticipant(row) : null
  }

  /** Deletes the session and its participants (inside `SqliteStorage`'s transaction). */
  deleteNow(id: string): void {
    this.statements.deleteParticipants.run(id)
    this.statements.deleteSession.run(id)
  }

  async saveState(id: string, state: SessionState): Promise<boolean> {
    return this.statements.saveState.run(JSON.stringify(state), id).changes > 0
  }
}

function toParticipant(row: ParticipantRow): StoredParticipant {
  return { role: row.role, name: row.name, tokenHash: row.token_hash }
}
