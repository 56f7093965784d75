import { join } from 'node:path'
import type { ExportFile, SessionReport } from '@tradeoff/shared'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { note, page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
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

function tokenOf(session: TestSession, who: 'Ivy' | 'Ian' | 'candidate' | 'reviewer'): string {
  const link = session.created.links.find((l) =>
    who === 'Ivy' || who === 'Ian' ? l.name === who : l.role === who,
  )
  return link?.token ?? ''
}

async function api(
  base: TestServer,
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
) {
  const response = await fetch(`${base.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  return { status: response.status, text, json: () => JSON.parse(text) }
}

/** A scripted round: returns the moments (ms since creation) and the board a client held at each. */
async function scriptedRound(base: TestServer, session: TestSession) {
  const createdAt = (await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'))).json()
    .createdAt as number
  const interviewer = connectClient(base.wsUrl, session, { token: tokenOf(session, 'Ivy') })
  const candidate = connectClient(base.wsUrl, session, { role: 'candidate' })
  const panel = connectClient(base.wsUrl, session, { doc: 'panel', token: tokenOf(session, 'Ivy') })
  clients.push(interviewer, candidate, panel)
  await Promise.all([interviewer.synced, candidate.synced, panel.synced])
  const control = (action: string) =>
    api(base, `/api/sessions/${session.id}/control`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: { action },
    })
  await control('start')

  const moments: Array<{ at: number; records: Record<string, unknown> }> = []
  const capture = async () => {
    await waitFor(
      () => JSON.stringify(candidate.records.toJSON()) === JSON.stringify(interviewer.records.toJSON()),
      'the candidate holds what the interviewer drew',
    )
    moments.push({ at: Date.now() - createdAt, records: candidate.records.toJSON() })
  }
  interviewer.records.set('page:page', page())
  for (let i = 0; i < 12; i++) interviewer.records.set(`shape:s${i}`, rectangle(`s${i}`, i * 50))
  await capture()
  candidate.records.set('shape:db', rectangle('db', 0, 300, 'Postgres'))
  for (let i = 0; i < 12; i += 3) candidate.records.set(`shape:s${i}`, rectangle(`s${i}`, i * 50, 120))
  await capture()
  panel.doc
    .getMap('notes')
    .set('n1', note('n1', 'Ivy', { at: Date.now() - createdAt, shapeIds: ['shape:db'], text: 'single DB' }))
  await control('revealHint')
  await control('nextPhase')
  for (let i = 0; i < 6; i++) interviewer.records.delete(`shape:s${i}`)
  await capture()
  return { moments, createdAt }
}

describe('recording and review', () => {
  it('V1 the board rebuilt for any moment equals what a client held then', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const { moments } = await scriptedRound(base, session)
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
    await scriptedRound(base, session)
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
    const { moments } = await scriptedRound(first, session)
    const card = { scores: { caching: 3 }, overall: 3, level: 'mid', summary: 'ok' }
    await api(first, `/api/sessions/${session.id}/scorecards`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: card,
    })
    const exported = (
      await api(first, `/api/sessions/${session.id}/export`, tokenOf(session, 'Ivy'))
    ).json() as ExportFile
    const reportBefore = (
      await api(first, `/api/sessions/${session.id}/report`, tokenOf(session, 'reviewer'))
    ).json()

    const second = await server()
    const imported = await fetch(`${second.url}/api/sessions/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exported),
    })
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as TestSession['created']
    const reviewerToken = copy.links.find((l) => l.role === 'reviewer')?.token ?? ''
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
    await scriptedRound(first, session)
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
    await scriptedRound(base, session)
    await api(base, `/api/sessions/${session.id}/scorecards`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: { scores: {}, overall: 2, level: 'mid', summary: 'x' },
    })
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
    expect(tables.length).toBeGreaterThanOrEqual(6)
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
