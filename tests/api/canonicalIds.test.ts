import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { api, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'

let server: TestServer

afterEach(async () => server?.close())

/** Every character of `text` percent-encoded, `%41` for `A`. */
function encodeEvery(text: string): string {
  return [...Buffer.from(text)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}

/** `id` with the case of every letter flipped, which is another id: ids are case-sensitive. */
function flipCase(id: string): string {
  return [...id].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')
}

function sessionIds(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'tradeoff.db'), { readonly: true })
  try {
    return db
      .prepare<[], { id: string }>('SELECT id FROM sessions ORDER BY id')
      .all()
      .map((row) => row.id)
  } finally {
    db.close()
  }
}

describe('canonical ids over HTTP', () => {
  it('R25 a percent-encoded session id reaches the same session on every route; a delete through it deletes that one', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const encoded = encodeEvery(session.id)
    const ivy = tokenOf(session, 'Ivy')
    const reviewer = tokenOf(session, 'reviewer')

    const view = await api(server, `/api/sessions/${encoded}`, ivy)
    expect(view.status).toBe(200)
    expect(view.json().id).toBe(session.id)
    const control = await api(server, `/api/sessions/${encoded}/control`, ivy, {
      method: 'POST',
      body: { action: 'start' },
    })
    expect(control.status).toBe(200)
    expect(control.json().state.running).toBe(true)
    // The plain id sees what the encoded one did: one session, one state.
    expect((await api(server, `/api/sessions/${session.id}`, ivy)).json().state.running).toBe(true)
    for (const path of ['board', 'board/history', 'report?format=json', 'scorecards', 'export']) {
      const who = path === 'export' ? ivy : reviewer
      expect((await api(server, `/api/sessions/${encoded}/${path}`, who)).status, path).toBe(200)
    }
    expect((await api(server, `/api/sessions/${encoded}/export`, ivy)).json().session.id).toBe(session.id)
    expect(sessionIds(server.dataDir)).toEqual([session.id])

    expect((await api(server, `/api/sessions/${encoded}`, ivy, { method: 'DELETE' })).status).toBe(204)
    expect((await api(server, `/api/sessions/${session.id}`, ivy)).status).toBe(404)
    expect(sessionIds(server.dataDir)).toEqual([])
  })

  it('R25 any other spelling of a session id is refused with 404 in the error shape, never a 500 or another session', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const ivy = tokenOf(session, 'Ivy')
    const lookalike = session.id.replace(/[a-z]/i, '\u0430') // Cyrillic "a"
    const spellings = [
      `${session.id}%20`,
      `%20${session.id}`,
      `${session.id}%00`,
      `${session.id}%2F`,
      `${session.id}%2Fcontrol`,
      encodeURIComponent(lookalike),
      encodeEvery(encodeEvery(session.id)),
      `${session.id.slice(0, 4)}%252F${session.id.slice(4)}`,
      '..',
      '%2E%2E',
      `..%2F${session.id}`,
      encodeURIComponent('\uFF21'.repeat(16)), // full-width "A"
      'x'.repeat(65),
      '',
    ]
    if (flipCase(session.id) !== session.id) spellings.push(flipCase(session.id))
    for (const spelling of spellings) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['DELETE', ''],
        ['POST', '/control'],
        ['GET', '/scorecards'],
        ['GET', '/board'],
      ] as const) {
        const response = await api(server, `/api/sessions/${spelling}${suffix}`, ivy, {
          method,
          body: method === 'POST' ? { action: 'start' } : undefined,
        })
        const where = `${method} ${spelling}${suffix}`
        expect([400, 404], where).toContain(response.status)
        expect(response.json(), where).toEqual({
          error: { code: expect.any(String), message: expect.any(String) },
        })
      }
    }
    // A trailing slash is another path: no route, not a second way in.
    expect((await api(server, `/api/sessions/${session.id}/`, ivy)).status).toBe(404)
    expect(sessionIds(server.dataDir)).toEqual([session.id])
    expect((await api(server, `/api/sessions/${session.id}`, ivy)).json().state.running).toBe(false)
  })

  it('R25 prompt ids and query values are read in one form: encoded spellings agree, others are refused', async () => {
    server = await startTestServer()
    expect((await api(server, '/api/prompts/messaging%2Dapp', '')).json().id).toBe('messaging-app')
    for (const id of [
      'Messaging-App',
      'messaging-app%20',
      '..%2Fmessaging-app',
      'messaging-app%00',
      'messaging%E2%80%90app',
    ]) {
      expect((await api(server, `/api/prompts/${id}`, '')).status, id).toBe(404)
    }
    for (const promptId of ['Messaging-App', 'messaging-app ', '../messaging-app', 'messaging\u2010app']) {
      const created = await api(server, '/api/sessions', '', { method: 'POST', body: { promptId } })
      expect([400, 404], promptId).toContain(created.status)
    }
    expect(sessionIds(server.dataDir)).toEqual([])

    const session = await newSession(server.url)
    const reviewer = tokenOf(session, 'reviewer')
    const board = (query: string) => api(server, `/api/sessions/${session.id}/board?${query}`, reviewer)
    expect((await board('at=%31%30')).json().at).toBe(10)
    for (const query of ['at=1&at=2', 'at=-1', 'at=ten', 'at=1.5']) {
      expect((await board(query)).status, query).toBe(400)
    }
    const report = (query: string) => api(server, `/api/sessions/${session.id}/report?${query}`, reviewer)
    expect((await report('format=%6Dd')).text).toMatch(/^# /)
    for (const query of ['format=JSON', 'format=md&format=json', 'format=md%00']) {
      expect((await report(query)).status, query).toBe(400)
    }
  })
})
