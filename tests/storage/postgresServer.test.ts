import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { api, exportOf, importInto, scriptedRound, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer, tempDataDir } from '../support/server'
import { newSession } from '../support/sessions'
import { usePostgresServers } from '../support/testDatabase'

// Needs PostgreSQL, as tests/storage/postgresStorage.test.ts does.
const fixture = usePostgresServers()
const { servers, clients } = fixture

async function serverOnPostgres(dataDir = tempDataDir()): Promise<TestServer> {
  const server = await startTestServer({
    dataDir,
    snapshotEvery: 7,
    env: { DATABASE_URL: fixture.databaseUrl() },
  })
  servers.push(server)
  return server
}

async function countRows(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: fixture.databaseUrl() })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)
    return Number(rows[0]?.n)
  } finally {
    await client.end()
  }
}

describe('a server with DATABASE_URL', () => {
  it('ST16 keeps a round in PostgreSQL, none of it in DATA_DIR: live sync, the board at any moment, export and import', async () => {
    const dataDir = tempDataDir()
    const base = await serverOnPostgres(dataDir)
    const session = await newSession(base.url)
    const { moments } = await scriptedRound(base, session, clients)
    const reviewer = tokenOf(session, 'reviewer')
    for (const moment of moments) {
      const board = await api(base, `/api/sessions/${session.id}/board?at=${moment.at}`, reviewer)
      expect(board.json().records).toEqual(moment.records)
    }
    const copy = await importInto(base, await exportOf(base, session))
    for (const moment of moments) {
      const board = await api(base, `/api/sessions/${copy.id}/board?at=${moment.at}`, copy.reviewerToken)
      expect(board.json().records).toEqual(moment.records)
    }
    expect(await countRows('sessions')).toBe(2)
    expect(await countRows('doc_updates')).toBeGreaterThan(10)
    expect(await countRows('session_events')).toBeGreaterThan(0)
    expect(existsSync(join(dataDir, 'tradeoff.db'))).toBe(false)
  })

  it('ST17 a server started afterwards on the same database serves the same review', async () => {
    const first = await serverOnPostgres()
    const session = await newSession(first.url)
    const { moments } = await scriptedRound(first, session, clients)
    const reviewer = tokenOf(session, 'reviewer')
    const report = (await api(first, `/api/sessions/${session.id}/report`, reviewer)).json()
    for (const c of clients.splice(0)) c.destroy()
    await first.close()
    const second = await serverOnPostgres()
    const again = (await api(second, `/api/sessions/${session.id}/report`, reviewer)).json()
    // Closing the first server recorded the leaves of those still connected, after the report.
    expect(again.events.slice(0, report.events.length)).toEqual(report.events)
    expect({ ...again, events: [] }).toEqual({ ...report, events: [] })
    const last = moments.at(-1)
    const board = await api(second, `/api/sessions/${session.id}/board`, reviewer)
    expect(board.json().records).toEqual(last?.records)
  })

  it('ST18 refuses to start when DATABASE_URL cannot be reached, naming the host only', async () => {
    await expect(
      startTestServer({ env: { DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/none' } }),
    ).rejects.toThrow(/^PostgreSQL at 127\.0\.0\.1:1 \(DATABASE_URL\) cannot be used: (?!.*secret)/)
  })
})
