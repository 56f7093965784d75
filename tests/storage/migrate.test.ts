import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { migrateToPostgres } from '../../server/src/store/migrateToPostgres'
import { api, scriptedRound, tokenOf } from '../support/scriptedRound'
import { ROOT, startTestServer } from '../support/server'
import { newSession } from '../support/sessions'
import { usePostgresServers } from '../support/testDatabase'

// Needs PostgreSQL, as tests/storage/postgresStorage.test.ts does.
const fixture = usePostgresServers()
const { servers, clients } = fixture

/** Runs `npm run migrate` as a user would; resolves with its exit code and output. */
function runMigrate(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'migrate', '--', ...args], { cwd: ROOT })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe('npm run migrate', () => {
  it('ST19 moves a DATA_DIR into PostgreSQL, checked, and a second run copies nothing', async () => {
    const onSqlite = await startTestServer({ snapshotEvery: 7 })
    servers.push(onSqlite)
    const session = await newSession(onSqlite.url)
    const { moments } = await scriptedRound(onSqlite, session, clients)
    await api(onSqlite, `/api/sessions/${session.id}/scorecards`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: { scores: { caching: 3 }, overall: 3, level: 'mid', summary: 'ok' },
    })
    const empty = await newSession(onSqlite.url)
    const reviewer = tokenOf(session, 'reviewer')
    for (const c of clients.splice(0)) c.destroy()
    await onSqlite.close()
    servers.splice(0)
    // Read after the close, which records the leaves of those still connected.
    const reader = await startTestServer({ dataDir: onSqlite.dataDir })
    servers.push(reader)
    const report = (await api(reader, `/api/sessions/${session.id}/report`, reviewer)).json()
    await reader.close()
    servers.splice(0)

    const first = await migrateToPostgres(onSqlite.dataDir, fixture.databaseUrl())
    expect(first).toEqual({ copied: [session.id, empty.id], alreadyThere: [], differing: [], orphanRows: 0 })

    const again = await runMigrate(['--to', fixture.databaseUrl(), '--from', onSqlite.dataDir])
    expect(again.output).toContain('0 sessions copied, 2 already there, 0 different')
    expect(again.code).toBe(0)

    const onPostgres = await startTestServer({ env: { DATABASE_URL: fixture.databaseUrl() } })
    servers.push(onPostgres)
    expect((await api(onPostgres, `/api/sessions/${session.id}/report`, reviewer)).json()).toEqual(report)
    for (const moment of moments) {
      const board = await api(onPostgres, `/api/sessions/${session.id}/board?at=${moment.at}`, reviewer)
      expect(board.json().records).toEqual(moment.records)
    }
    expect((await api(onPostgres, `/api/sessions/${empty.id}`, tokenOf(empty, 'Ivy'))).status).toBe(200)
  })

  it('ST20 leaves a session that differs in PostgreSQL as it is, and says so', async () => {
    const onSqlite = await startTestServer()
    servers.push(onSqlite)
    const session = await newSession(onSqlite.url)
    await onSqlite.close()
    servers.splice(0)
    await migrateToPostgres(onSqlite.dataDir, fixture.databaseUrl())
    const onPostgres = await startTestServer({ env: { DATABASE_URL: fixture.databaseUrl() } })
    servers.push(onPostgres)
    await api(onPostgres, `/api/sessions/${session.id}/control`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: { action: 'start' },
    })
    const run = await runMigrate(['--to', fixture.databaseUrl(), '--from', onSqlite.dataDir])
    expect(run.output).toContain(`${session.id}: already in PostgreSQL but DIFFERENT: left as it is`)
    expect(run.code).toBe(1)
  })

  it('ST21 without --to, prints how to use it and fails', async () => {
    const run = await runMigrate([])
    expect(run.output).toContain('npm run migrate -- --to postgres://')
    expect(run.code).toBe(2)
  })
})
