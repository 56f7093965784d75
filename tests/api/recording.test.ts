import { join } from 'node:path'
import type { ExportFile, SessionReport } from '@tradeoff/shared'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { rectangle } from '../support/records'
import { api, exportOf, importInto, scriptedRound, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

const servers: TestServer[] = []
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function server(): Promise<TestServer> {
  const s = await startTestServer({ snapshotEvery: 7 })
  servers.push(s)
  return s
}

describe('recording and review', () => {
  it('V1 the board rebuilt for any moment equals what a client held then', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const { moments } = await scriptedRound(base, session, clients)
    for (const moment of moments) {
      const rebuilt = await api(
        base,
        `/api/sessions/${session.id}/board?at=${moment.at}`,
        tokenOf(session, 'reviewer'),
      )
      expect(rebuilt.status).toBe(200)
      expect(rebuilt.json()).toEqual({ at: moment.at, records: moment.records })
    }
    expect(
      (await api(base, `/api/sessions/${session.id}/board?at=0`, tokenOf(session, 'Ivy'))).json().records,
    ).toEqual({})
  })

  it('V2 the report holds the prompt, phases, timed notes, events and the visible scorecards, as JSON and Markdown', async () => {
    const base = await server()
    const session = await newSession(base.url)
    await scriptedRound(base, session, clients)
    const card = {
      scores: { caching: 2, 'failure-modes': 4 },
      overall: 3,
      level: 'senior',
      summary: 'Solid design.',
    }
    expect(
      (
        await api(base, `/api/sessions/${session.id}/scorecards`, tokenOf(session, 'Ivy'), {
          method: 'POST',
          body: card,
        })
      ).status,
    ).toBe(201)
    const report = (
      await api(base, `/api/sessions/${session.id}/report?format=json`, tokenOf(session, 'reviewer'))
    ).json() as SessionReport
    expect(report.prompt.title).toMatch(/messaging/i)
    expect(report.notes.map((n) => n.text)).toEqual(['single DB'])
    expect(report.phases[0]?.startedAt).not.toBeNull()
    expect(report.phases[1]?.startedAt).toBeGreaterThanOrEqual(report.phases[0]?.startedAt ?? 0)
    const kinds = report.events.map((e) => e.kind)
    for (const kind of ['join', 'start', 'hint', 'phase', 'scorecard'] as const) expect(kinds).toContain(kind)
    expect(report.events.filter((e) => e.kind === 'join').map((e) => e.role)).toEqual(
      expect.arrayContaining(['interviewer', 'candidate']),
    )
    expect(report.scorecards.map((c) => c.author)).toEqual(['Ivy'])
    expect(report.pendingScorecards).toEqual(['Ian'])
    // Ian has not submitted: his report must not show Ivy's scorecard.
    const iansReport = (
      await api(base, `/api/sessions/${session.id}/report`, tokenOf(session, 'Ian'))
    ).json() as SessionReport
    expect(iansReport.scorecards).toEqual([])

    const markdown = await api(
      base,
      `/api/sessions/${session.id}/report?format=md`,
      tokenOf(session, 'reviewer'),
    )
    expect(markdown.text).toContain('## Notes')
    expect(markdown.text).toMatch(
      /\| \d\d:\d\d \| Ivy \| Caching and data access \| strength \| single DB \| 1 \|/,
    )
    expect(markdown.text).toContain('| Failure modes and reliability | 4 Strong yes |')
    expect(markdown.text).toContain('Solid design.')
    expect(
      (await api(base, `/api/sessions/${session.id}/report?format=pdf`, tokenOf(session, 'reviewer'))).status,
    ).toBe(400)
  })

  it('V3 only interviewers and reviewers read the recording; only interviewers export and delete', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const candidate = tokenOf(session, 'candidate')
    const reviewer = tokenOf(session, 'reviewer')
    for (const path of ['board', 'report', 'export']) {
      expect((await api(base, `/api/sessions/${session.id}/${path}`, candidate)).status).toBe(403)
    }
    expect((await api(base, `/api/sessions/${session.id}/export`, reviewer)).status).toBe(403)
    expect((await api(base, `/api/sessions/${session.id}`, reviewer, { method: 'DELETE' })).status).toBe(403)
    expect((await api(base, `/api/sessions/${session.id}/board?at=-5`, reviewer)).status).toBe(400)
  })

  it('V4 an exported session imported into a fresh server gives the same review', async () => {
    const first = await server()
    const session = await newSession(first.url)
    const { moments } = await scriptedRound(first, session, clients)
    const card = { scores: { caching: 3 }, overall: 3, level: 'mid', summary: 'ok' }
    await api(first, `/api/sessions/${session.id}/scorecards`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: card,
    })
    const exported = await exportOf(first, session)
    const reportBefore = (
      await api(first, `/api/sessions/${session.id}/report`, tokenOf(session, 'reviewer'))
    ).json()

    const second = await server()
    const copy = await importInto(second, exported)
    const { reviewerToken } = copy
    const reportAfter = (await api(second, `/api/sessions/${copy.id}/report`, reviewerToken)).json()
    expect({ ...reportAfter, session: { ...reportAfter.session, id: 'x' } }).toEqual({
      ...reportBefore,
      session: { ...reportBefore.session, id: 'x' },
    })
    for (const moment of moments) {
      const board = (
        await api(second, `/api/sessions/${copy.id}/board?at=${moment.at}`, reviewerToken)
      ).json()
      expect(board.records).toEqual(moment.records)
    }
  })

  it('V5 an import with a broken record is refused whole, naming the update, and stores nothing', async () => {
    const first = await server()
    const session = await newSession(first.url)
    await scriptedRound(first, session, clients)
    const exported = (
      await api(first, `/api/sessions/${session.id}/export`, tokenOf(session, 'Ivy'))
    ).json() as ExportFile
    const second = await server()
    const Y = await import('yjs')
    const forged = new Y.Doc()
    forged.getMap('records').set('shape:evil', { ...rectangle('evil'), type: 'spaceship' })
    exported.docs.board.push({
      at: 999_999,
      author: 'Ivy',
      update: Buffer.from(Y.encodeStateAsUpdate(forged)).toString('base64'),
    })
    const response = await fetch(`${second.url}/api/sessions/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exported),
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /docs\.board\.\d+: invalid shape/,
    )
    const db = new Database(join(second.dataDir, 'tradeoff.db'), { readonly: true })
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get()).toEqual({ n: 0 })
    db.close()
  })

  it('V6 deleting a session leaves nothing of it in any table and closes its sockets', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const keep = await newSession(base.url)
    await scriptedRound(base, session, clients)
    await api(base, `/api/sessions/${session.id}/scorecards`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: { scores: {}, overall: 2, level: 'mid', summary: 'x' },
    })
    // Stores the board's history too, so that table has a row to delete.
    expect(
      (await api(base, `/api/sessions/${session.id}/board/history`, tokenOf(session, 'reviewer'))).status,
    ).toBe(200)
    const watcher = connectClient(base.wsUrl, session, { role: 'candidate' })
    clients.push(watcher)
    await watcher.synced
    expect(
      (await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'), { method: 'DELETE' })).status,
    ).toBe(204)
    await waitFor(() => watcher.closeCodes.includes(4404), 'open sockets are closed with 4404')
    expect((await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'))).status).toBe(404)

    const db = new Database(join(base.dataDir, 'tradeoff.db'), { readonly: true })
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
    expect(tables.map((t) => t.name)).toContain('board_history')
    expect(tables.length).toBeGreaterThanOrEqual(7)
    for (const { name } of tables) {
      const columns = db
        .prepare<[], { name: string }>(`PRAGMA table_info(${name})`)
        .all()
        .map((c) => c.name)
      const column = columns.includes('session_id') ? 'session_id' : 'id'
      const rows = db.prepare(`SELECT COUNT(*) AS n FROM ${name} WHERE ${column} = ?`).get(session.id)
      expect(rows, name).toEqual({ n: 0 })
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE id = ?').get(keep.id)).toEqual({ n: 1 })
    db.close()
  })
})
