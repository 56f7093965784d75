import type { Prompt, Role, SessionState } from '@tradeoff/shared'

/** A participant of a session as stored: never the token itself, only its hash. */
export interface StoredParticipant {
  role: Role
  name: string
  tokenHash: string
}

/** An interview session as stored. The prompt is copied in, so later edits of its file change nothing. */
export interface StoredSession {
  id: string
  title: string
  createdAt: number
  prompt: Prompt
  participants: StoredParticipant[]
  state: SessionState
}

/** Persistence of sessions and their participants, beside the document store. */
export interface SessionRepository {
  /**
   * Stores a new session and its participants. `alongside`, when given, runs in the same
   * transaction: the session and whatever it writes are stored together or not at all (a throw
   * from it stores nothing and rejects with that error).
   */
  create(session: StoredSession, alongside?: () => void): Promise<void>
  /** The session, or null when there is none with this id. */
  get(id: string): Promise<StoredSession | null>
  /** The participant holding the token with this hash in this session, or null. */
  findParticipant(sessionId: string, tokenHash: string): Promise<StoredParticipant | null>
  /** Stores the session's state; false when there is no such session (it was deleted). */
  saveState(id: string, state: SessionState): Promise<boolean>
  /** Deletes the session and its participants. */
  delete(id: string): Promise<void>
}
