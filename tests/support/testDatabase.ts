import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { TestServer } from './server'
import type { SyncClient } from './syncClient'

/**
 * The PostgreSQL server the tests use, as a URL to a database they may connect to in order to
 * create their own (`TEST_DATABASE_URL`; by default the one this machine kind runs on loopback).
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** A database of a test file's own, created empty and dropped at the end. */
export interface TestDatabase {
  /** Its address, for `PostgresStorage.open` or `DATABASE_URL`. */
  url: string
  /** Empties every table of the server's schema (which must exist already), for the next test. */
  reset(): Promise<void>
  /** Drops it, closing any connection still open to it. */
  drop(): Promise<void>
}

const TABLES = [
  'sessions',
  'participants',
  'doc_updates',
  'doc_snapshots',
  'session_events',
  'scorecards',
  'board_history',
  'store_probe',
]

/**
 * Creates a fresh database `tradeoff_test_<random>` on the server at `TEST_DATABASE_URL`. When
 * the server cannot be reached, rejects with a message saying how to start it: the tests that
 * need PostgreSQL fail rather than pass without it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tradeoff_test_${randomBytes(6).toString('hex')}`
  await asAdmin(`CREATE DATABASE ${name}`)
  const url = new URL(TEST_DATABASE_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async reset() {
      const client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      try {
        await client.query(`TRUNCATE ${TABLES.join(', ')}`)
      } finally {
        await client.end()
      }
    },
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 })
  try {
    await client.connect()
  } catch (error) {
    const code = (error as { code?: string }).code
    const reason = code ?? (error instanceof Error ? error.message || error.name : String(error))
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${reason}). These tests need it: start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` (as .ci/run does), ' +
        'or set TEST_DATABASE_URL to a PostgreSQL server where this user may create databases.',
    )
  }
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * A test file's fresh PostgreSQL database (created before its tests, dropped after) and the servers
 * and sync clients its tests start, closed after each test. `databaseUrl()` throws, naming the
 * cause, when the database could not be created.
 */
export function usePostgresServers(): {
  databaseUrl(): string
  servers: TestServer[]
  clients: SyncClient[]
} {
  let database: TestDatabase | undefined
  const servers: TestServer[] = []
  const clients: SyncClient[] = []
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  afterAll(async () => {
    await database?.drop()
  })
  return {
    databaseUrl() {
      if (!database) throw new Error('the test database was not created (see the error of beforeAll)')
      return database.url
    },
    servers,
    clients,
  }
}
