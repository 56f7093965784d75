import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../server/src/store/SqliteStore'
import { api, exportOf, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer, tempDataDir } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'

let server: TestServer
let store: SqliteStore
/** Runs once, the next time the server reads its clock: inside a request, after it authenticated. */
let onNextClockRead: (() => void) | null = null
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

/** Deletes a session's row (and by cascade its participants, events and scorecards) as a racing delete would. */
function deleteRow(session: TestSession): void {
  store.db.prepare('DELETE FROM sessions WHERE id = ?').run(session.id)
}

function rows(table: string, sessionId: string): number {
  return (
    store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE session_id = ?`).get(sessionId) as {
      n: number
    }
  ).n
}

/** The server still serves: /healthz, and another session's routes. */
async function stillServes(other: TestSession): Promise<void> {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  const ivy = tokenOf(other, 'Ivy')
  const control = await api(server, `/api/sessions/${other.id}/control`, ivy, {
    method: 'POST',
    body: { action: 'start' },
  })
  expect(control.status).toBe(200)
  const card = await api(server, `/api/sessions/${other.id}/scorecards/mine`, ivy, {
    method: 'PUT',
    body: { summary: 'fine' },
  })
  expect(card.status).toBe(200)
  expect(unhandled).toEqual([])
  expect(server.logs.filter((line) => line.msg === 'request failed')).toEqual([])
}

describe('no request ends in an unhandled failure', () => {
  beforeEach(async () => {
    unhandled.length = 0
    process.on('unhandledRejection', onUnhandled)
    store = new SqliteStore(tempDataDir())
    const now = () => {
      const run = onNextClockRead
      onNextClockRead = null
      run?.()
      return Date.now()
    }
    server = await startTestServer({ store, now })
  })

  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled)
    await server?.close()
  })

  it('R26 a control action whose session is deleted after it authenticated gets 404 and writes nothing for it', async () => {
    const doomed = await newSession(server.url)
    const other = await newSession(server.url)
    onNextClockRead = () => deleteRow(doomed)
    const response = await api(server, `/api/sessions/${doomed.id}/control`, tokenOf(doomed, 'Ivy'), {
      method: 'POST',
      body: { action: 'start' },
    })
    expect(onNextClockRead).toBeNull()
    expect(response.status).toBe(404)
    expect(response.json()).toEqual({ error: { code: 'unknown_session', message: expect.any(String) } })
    // No event row, no board update: nothing a later delete could not find.
    expect(rows('session_events', doomed.id)).toBe(0)
    expect(rows('doc_updates', doomed.id)).toBe(0)
    await stillServes(other)
  })

  it('R26 a scorecard saved or submitted while its session is deleted gets 404, not a 500', async () => {
    const other = await newSession(server.url)
    for (const [method, path] of [
      ['PUT', '/scorecards/mine'],
      ['POST', '/scorecards'],
    ] as const) {
      const doomed = await newSession(server.url)
      onNextClockRead = () => deleteRow(doomed)
      const response = await api(server, `/api/sessions/${doomed.id}${path}`, tokenOf(doomed, 'Ivy'), {
        method,
        body: { overall: 3, summary: 'racing the delete' },
      })
      expect(onNextClockRead).toBeNull()
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(response.json().error.code).toBe('unknown_session')
      expect(rows('scorecards', doomed.id)).toBe(0)
    }
    await stillServes(other)
  })

  it('R26 a full disk answers 503 storage_unavailable without a stack; reads go on, and writes once there is room', async () => {
    const other = await newSession(server.url)
    const file = await exportOf(server, other)
    const pages = store.db.pragma('page_count', { simple: true }) as number
    store.db.pragma(`max_page_count = ${pages}`)

    const created = await api(server, '/api/sessions', '', {
      method: 'POST',
      body: { promptId: 'messaging-app' },
    })
    expect(created.status).toBe(503)
    expect(created.json()).toEqual({ error: { code: 'storage_unavailable', message: expect.any(String) } })
    expect(created.text).not.toMatch(/SQLITE|at .*\.ts/)
    const imported = await fetch(`${server.url}/api/sessions/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(file),
    })
    expect(imported.status).toBe(503)
    expect((await api(server, `/api/sessions/${other.id}`, tokenOf(other, 'Ivy'))).status).toBe(200)
    expect((await api(server, `/api/sessions/${other.id}/report`, tokenOf(other, 'reviewer'))).status).toBe(
      200,
    )
    expect(server.logs.some((line) => line.msg === 'store unavailable')).toBe(true)

    store.db.pragma('max_page_count = 1073741823')
    expect((await newSession(server.url)).id).toMatch(/^[A-Za-z0-9_-]+$/)
    await stillServes(other)
  })
})

describe('no socket ends in an uncaught error', () => {
  const uncaught: unknown[] = []
  const onUncaught = (error: unknown) => uncaught.push(error)
  let limited: TestServer

  afterEach(async () => {
    process.off('uncaughtException', onUncaught)
    await limited?.close()
  })

  /** Sends a websocket upgrade and resets the connection as soon as the server answers. */
  function upgradeThenReset(port: number): Promise<string> {
    return new Promise((resolve) => {
      let answer = ''
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'GET /sync/AAAAAAAAAAAAAAAA/board?token=x HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n' +
            'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        )
      })
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString()
        socket.resetAndDestroy()
      })
      socket.on('error', () => {})
      socket.on('close', () => resolve(answer))
    })
  }

  it('R26 upgrades refused over the rate and reset by the client raise nothing; the server keeps serving', async () => {
    uncaught.length = 0
    process.on('uncaughtException', onUncaught)
    limited = await startTestServer({ env: { LIMIT_UPGRADES_PER_MINUTE: '1' } })
    const port = Number(new URL(limited.url).port)
    const answers: string[] = []
    for (let i = 0; i < 5; i++) answers.push(await upgradeThenReset(port))
    expect(answers.filter((answer) => answer.startsWith('HTTP/1.1 429')).length).toBeGreaterThanOrEqual(4)
    // Each reset reached the server before the next connection was made; these are answered after.
    expect((await fetch(`${limited.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${limited.url}/api/prompts`)).status).toBe(200)
    expect(uncaught).toEqual([])
  })
})
