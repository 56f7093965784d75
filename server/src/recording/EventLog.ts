import type { SessionEvent } from '@tradeoff/shared'

/**
 * The session events of the recording (joins, leaves, clock, phases, hints, scorecards), kept in
 * the order they were appended. Written with server times (ms since the epoch) and read back timed
 * from the session's creation.
 */
export interface EventLog {
  /** Appends an event at server time `at` (ms since the epoch). A rejection means it was not stored. */
  append(sessionId: string, at: number, event: Omit<SessionEvent, 'at'>): Promise<void>
  /** How many join and leave events the session's timeline holds. */
  countPresence(sessionId: string): Promise<number>
  /** Every event of a session in order, `at` in ms since `createdAt`. */
  list(sessionId: string, createdAt: number): Promise<SessionEvent[]>
}
