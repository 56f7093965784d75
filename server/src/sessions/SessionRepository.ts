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

/**
 * Persistence of sessions and their participants, beside the document store. Deleting a session
 * deletes its recording too: `Storage.deleteSession`.
 */
export interface SessionRepository {
  /**
   * Stores a new session and its participants, together or not at all. (An import stores a whole
   * session at once with `Storage.importSession`.)
   */
  create(session: StoredSession): Promise<void>
  /** The session, or null when there is none with this id. */
  get(id: string): Promise<StoredSession | null>
  /** The participant holding the token with this hash in this session, or null. */
  findParticipant(sessionId: string, tokenHash: string): Promise<StoredParticipant | null>
  /** Stores the session's state; false when there is no such session (it was deleted). */
  saveState(id: string, state: SessionState): Promise<boolean>
}
