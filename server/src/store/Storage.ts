import type { Scorecard, SessionEvent } from '@tradeoff/shared'
import type { BoardHistoryRepository } from '../recording/BoardHistoryRepository'
import type { EventLog } from '../recording/EventLog'
import type { ScorecardRepository } from '../scorecards/ScorecardRepository'
import type { SessionRepository, StoredSession } from '../sessions/SessionRepository'
import type { EncodedDocLog } from './encodedDocLog'
import type { Store } from './Store'

/** A whole session to be stored at once: what an import writes. */
export interface ImportedSession {
  /** The new session, with its new id and token hashes. */
  session: StoredSession
  /** Its document logs, checked and encoded. */
  logs: EncodedDocLog[]
  /** Its timeline, `at` in ms since the session's creation. */
  events: SessionEvent[]
  /** Its scorecards as they were, drafts and submitted ones. */
  scorecards: Scorecard[]
}

/**
 * Everything the server keeps, one repository per kind of data, all in one database: the
 * embedded SQLite file (`SqliteStorage`) or PostgreSQL (`PostgresStorage`). Services depend on
 * these interfaces only; every adapter passes the same contract suites (`storeContract.ts`,
 * `storageContract.ts`).
 *
 * The two operations that span several repositories are here, each in one transaction.
 */
export interface Storage {
  readonly docs: Store
  readonly sessions: SessionRepository
  readonly scorecards: ScorecardRepository
  readonly events: EventLog
  readonly boardHistories: BoardHistoryRepository
  /**
   * Stores a session with its logs, events and scorecards: all of it, or (rejecting) none of it.
   * The session id must be new.
   */
  importSession(imported: ImportedSession): Promise<void>
  /** Deletes a session and everything recorded of it, from every table, in one transaction. */
  deleteSession(sessionId: string): Promise<void>
  /** Releases the database. No call may follow. */
  close(): Promise<void>
}
