/** A session board's history as stored: gzipped JSON text, and the log position it covers. */
export interface StoredBoardHistory {
  /** How `body` was computed and encoded; a row of another format is not to be used. */
  format: number
  /** The sequence number of the last board update the history covers, 0 for an empty log. */
  lastSeq: number
  /** The `BoardHistory` as gzipped JSON text. */
  body: Buffer
}

/**
 * The computed board history of each session, one per session beside its recording, so a history
 * is computed once rather than at every server start. Derived data: losing it costs a computation.
 */
export interface BoardHistoryRepository {
  /** The stored history of a session, or null when none was stored. */
  get(sessionId: string): Promise<StoredBoardHistory | null>
  /**
   * Stores a session's history in place of the one stored, unless that one covers a later log
   * position in the same format (two computations racing). Does nothing when the session does not
   * exist (any more).
   */
  put(sessionId: string, history: StoredBoardHistory): Promise<void>
}
