import { SqliteBoardHistoryRepository } from '../recording/SqliteBoardHistoryRepository'
import { SqliteEventLog } from '../recording/SqliteEventLog'
import { SqliteScorecardRepository } from '../scorecards/SqliteScorecardRepository'
import { SqliteSessionRepository } from '../sessions/SqliteSessionRepository'
import { SqliteStore } from './SqliteStore'
import type { ImportedSession, Storage } from './Storage'

/**
 * The embedded default: every repository in the one SQLite file of `SqliteStore`. better-sqlite3
 * is synchronous, so the two operations spanning repositories run as one SQLite transaction each.
 */
export class SqliteStorage implements Storage {
  readonly sessions: SqliteSessionRepository
  readonly scorecards: SqliteScorecardRepository
  readonly events: SqliteEventLog
  readonly boardHistories: SqliteBoardHistoryRepository
  private readonly importAll: (imported: ImportedSession) => void
  private readonly deleteAll: (sessionId: string) => void

  /** Opens (creating if needed) the database in `dataDir`. */
  static open(dataDir: string): SqliteStorage {
    return new SqliteStorage(new SqliteStore(dataDir))
  }

  /** Builds on an open store (tests hand in one whose database they reach into). */
  constructor(readonly docs: SqliteStore) {
    const { db } = docs
    this.sessions = new SqliteSessionRepository(db)
    this.events = new SqliteEventLog(db)
    this.scorecards = new SqliteScorecardRepository(db)
    this.boardHistories = new SqliteBoardHistoryRepository(db)
    this.importAll = db.transaction(({ session, logs, events, scorecards }: ImportedSession) => {
      this.sessions.insertNow(session)
      for (const log of logs) docs.insertLogNow(session.id, session.createdAt, log)
      for (const event of events) this.events.appendNow(session.id, session.createdAt + event.at, event)
      for (const card of scorecards) this.scorecards.restore(session.id, card)
    })
    this.deleteAll = db.transaction((sessionId: string) => {
      docs.deleteSession(sessionId)
      this.events.deleteAll(sessionId)
      this.scorecards.deleteAll(sessionId)
      this.boardHistories.delete(sessionId)
      this.sessions.deleteNow(sessionId)
    })
  }

  async importSession(imported: ImportedSession): Promise<void> {
    this.importAll(imported)
  }

  async deleteSession(sessionId: string): Promise<void> {
    this.deleteAll(sessionId)
  }

  async close(): Promise<void> {
    await this.docs.close()
  }
}
