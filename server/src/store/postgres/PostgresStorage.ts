import pg from 'pg'
import type { ImportedSession, Storage } from '../Storage'
import { PostgresBoardHistoryRepository } from './PostgresBoardHistoryRepository'
import { insertEvents, PostgresEventLog } from './PostgresEventLog'
import { PostgresScorecardRepository, restoreScorecard } from './PostgresScorecardRepository'
import { insertSession, PostgresSessionRepository } from './PostgresSessionRepository'
import { insertLog, PostgresStore } from './PostgresStore'
import { ensureSchema } from './schema'
import { inTransaction, PG_TYPES } from './sql'

/** What `PostgresStorage.open` needs besides the address. */
export interface PostgresStorageOptions {
  /**
   * Told about a connection that failed while idle in the pool (the server restarted, the
   * network dropped). The pool replaces it; without a listener the error would end the process.
   */
  onIdleError?: (error: Error) => void
  /** Connections the pool opens at most (pg's default, 10, when not given). */
  maxConnections?: number
}

/**
 * Everything in one PostgreSQL database, for running several server processes on the same data
 * (`DATABASE_URL`). The same tables as the SQLite store, created at start if missing.
 */
export class PostgresStorage implements Storage {
  readonly docs: PostgresStore
  readonly sessions: PostgresSessionRepository
  readonly scorecards: PostgresScorecardRepository
  readonly events: PostgresEventLog
  readonly boardHistories: PostgresBoardHistoryRepository

  /**
   * Connects to the database at `url` (`postgres://user@host:port/database`), creates the tables
   * that are missing and checks the data's format. Rejects when the database cannot be reached or
   * holds data in another format; nothing is left open then.
   */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, types: PG_TYPES, max: options.maxConnections })
    pool.on('error', (error) => options.onIdleError?.(error))
    try {
      const client = await pool.connect()
      try {
        await ensureSchema(client)
      } finally {
        client.release()
      }
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresStorage(pool)
  }

  private constructor(private readonly pool: pg.Pool) {
    this.docs = new PostgresStore(pool)
    this.sessions = new PostgresSessionRepository(pool)
    this.scorecards = new PostgresScorecardRepository(pool)
    this.events = new PostgresEventLog(pool)
    this.boardHistories = new PostgresBoardHistoryRepository(pool)
  }

  async importSession({ session, logs, events, scorecards }: ImportedSession): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await insertSession(client, session)
      for (const log of logs) await insertLog(client, session.id, session.createdAt, log)
      await insertEvents(client, session.id, session.createdAt, events)
      for (const card of scorecards) await restoreScorecard(client, session.id, card)
    })
  }

  async deleteSession(sessionId: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const table of ['doc_updates', 'doc_snapshots', 'session_events', 'scorecards', 'board_history']) {
        await client.query(`DELETE FROM ${table} WHERE session_id = $1`, [sessionId])
      }
      await client.query('DELETE FROM participants WHERE session_id = $1', [sessionId])
      await client.query('DELETE FROM sessions WHERE id = $1', [sessionId])
    })
  }

  private closing: Promise<void> | null = null

  /** Waits for the queries under way and closes every connection; a second call waits for the first. */
  close(): Promise<void> {
    this.closing ??= this.pool.end()
    return this.closing
  }
}
