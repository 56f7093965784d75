import { type BoardChange, type BoardHistory, type ExportFile, foldBoardHistory } from '@tradeoff/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { page, rectangle } from '../support/records'
import { api, tokenOf } from '../support/scriptedRound'
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

async function history(base: TestServer, session: { id: string }, token: string): Promise<BoardHistory> {
  const response = await api(base, `/api/sessions/${session.id}/board/history`, token)
  expect(response.status).toBe(200)
  return response.json() as BoardHistory
}

async function boardAt(base: TestServer, session: TestSession, at: number): Promise<Record<string, unknown>> {
  const response = await api(base, `/api/sessions/${session.id}/board?at=${at}`, tokenOf(session, 'reviewer'))
  return response.json().records
}

/**
 * A round drawn by a real interviewer and candidate, one step per distinct server time: draw,
 * move, edit a label, set a shape to the value it already has, delete, draw the deleted one
 * again. Returns the moment (ms since creation) at which each step had reached both clients.
 */
async function drawingRound(base: TestServer, session: TestSession) {
  const createdAt = (await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'))).json()
    .createdAt as number
  const interviewer = connectClient(base.wsUrl, session, { token: tokenOf(session, 'Ivy') })
  const candidate = connectClient(base.wsUrl, session, { role: 'candidate' })
  clients.push(interviewer, candidate)
  await Promise.all([interviewer.synced, candidate.synced])
  const moments: Record<string, number> = {}
  const step = async (name: string, edit: () => void) => {
    edit()
    await waitFor(
      () => JSON.stringify(candidate.records.toJSON()) === JSON.stringify(interviewer.records.toJSON()),
      'both clients hold the same board',
    )
    const at = Date.now() - createdAt
    moments[name] = at
    // The server stamps updates in whole milliseconds: the next edit must fall after this moment.
    await waitFor(() => Date.now() - createdAt > at, 'the clock moves past the step')
  }
  await step('draw', () => {
    interviewer.records.set('page:page', page())
    for (let i = 0; i < 4; i++) interviewer.records.set(`shape:s${i}`, rectangle(`s${i}`, i * 50))
  })
  await step('move', () => candidate.records.set('shape:s1', rectangle('s1', 50, 120)))
  await step('label', () => interviewer.records.set('shape:s2', rectangle('s2', 100, 0, 'Postgres')))
  await step('same', () => candidate.records.set('shape:s0', rectangle('s0', 0)))
  await step('delete', () => candidate.records.delete('shape:s3'))
  await step('redraw', () => interviewer.records.set('shape:s3', rectangle('s3', 300, 300)))
  return { moments, interviewer }
}

/** The changes made after `from` and at or before `to`. */
const between = (changes: BoardChange[], from: number, to: number) =>
  changes.filter((change) => change.at > from && change.at <= to)

describe('board history', () => {
  it('V7 the history folded to any moment equals the board at that moment', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const { moments } = await drawingRound(base, session)
    const { changes } = await history(base, session, tokenOf(session, 'reviewer'))
    expect(changes.map((change) => change.at)).toEqual(
      changes.map((change) => change.at).sort((a, b) => a - b),
    )
    const times = new Set([0, ...Object.values(moments), (moments.redraw ?? 0) + 60_000])
    for (const { at } of changes) for (const t of [at - 1, at, at + 1]) if (t >= 0) times.add(t)
    const changeTimes = [...new Set(changes.map((change) => change.at))]
    for (const [i, at] of changeTimes.slice(1).entries())
      times.add(Math.floor(((changeTimes[i] ?? 0) + at) / 2))
    for (const t of [...times].sort((a, b) => a - b)) {
      expect(foldBoardHistory(changes, t), `at ${t}`).toEqual(await boardAt(base, session, t))
    }
  })

  it('V8 a change lists only what changed: a move patches x/y, a label patches props, a delete is `removed`, a redraw is whole', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const { moments } = await drawingRound(base, session)
    const { changes } = await history(base, session, tokenOf(session, 'Ivy'))
    const { draw = 0, move = 0, label = 0, same = 0, delete: deleted = 0, redraw = 0 } = moments
    expect(
      between(changes, -1, draw)
        .map((change) => [change.id, 'record' in change])
        .sort(),
    ).toEqual([
      ['page:page', true],
      ['shape:s0', true],
      ['shape:s1', true],
      ['shape:s2', true],
      ['shape:s3', true],
    ])
    expect(between(changes, draw, move)).toEqual([
      { at: expect.any(Number), id: 'shape:s1', patch: { y: 120 } },
    ])
    const labelled = rectangle('s2', 100, 0, 'Postgres')
    expect(between(changes, move, label)).toEqual([
      { at: expect.any(Number), id: 'shape:s2', patch: { props: labelled.props } },
    ])
    expect(between(changes, label, same)).toEqual([])
    expect(between(changes, same, deleted)).toEqual([
      { at: expect.any(Number), id: 'shape:s3', removed: true },
    ])
    expect(between(changes, deleted, redraw)).toEqual([
      { at: expect.any(Number), id: 'shape:s3', record: rectangle('s3', 300, 300) },
    ])
    expect(between(changes, redraw, Number.MAX_SAFE_INTEGER)).toEqual([])
  })

  it('V9 interviewers and reviewers read the history; a candidate may not; no token or an unknown session is refused as for /board', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const path = `/api/sessions/${session.id}/board/history`
    for (const who of ['Ivy', 'Ian', 'reviewer'] as const) {
      expect((await api(base, path, tokenOf(session, who))).status, who).toBe(200)
    }
    const forCandidate = await api(base, path, tokenOf(session, 'candidate'))
    expect(forCandidate.status).toBe(403)
    expect((await fetch(`${base.url}${path}`)).status).toBe(401)
    expect((await api(base, path, 'not-a-token')).status).toBe(401)
    const unknown = await api(base, '/api/sessions/no-such-session-0/board/history', tokenOf(session, 'Ivy'))
    const unknownBoard = await api(base, '/api/sessions/no-such-session-0/board', tokenOf(session, 'Ivy'))
    expect(unknown.status).toBe(404)
    expect(unknown.json()).toEqual(unknownBoard.json())
    await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'), { method: 'DELETE' })
    expect((await api(base, path, tokenOf(session, 'reviewer'))).status).toBe(404)
  })

  it('V10 a history asked again after the board changed holds the new changes', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const { interviewer } = await drawingRound(base, session)
    const reviewer = tokenOf(session, 'reviewer')
    const first = await history(base, session, reviewer)
    expect(await history(base, session, reviewer)).toEqual(first)
    interviewer.records.set('shape:late', rectangle('late', 900, 900))
    const second = await waitFor(async () => {
      const next = await history(base, session, reviewer)
      return next.changes.length > first.changes.length && next
    }, 'the history holds the late shape')
    expect(second.changes.slice(0, first.changes.length)).toEqual(first.changes)
    expect(second.changes.slice(first.changes.length)).toEqual([
      { at: expect.any(Number), id: 'shape:late', record: rectangle('late', 900, 900) },
    ])
    const now = (await api(base, `/api/sessions/${session.id}/board`, reviewer)).json()
    expect(foldBoardHistory(second.changes, now.at)).toEqual(now.records)
  })

  it('V11 an imported recording has the same history as the session it was exported from', async () => {
    const first = await server()
    const session = await newSession(first.url)
    await drawingRound(first, session)
    const original = await history(first, session, tokenOf(session, 'reviewer'))
    const exported = (
      await api(first, `/api/sessions/${session.id}/export`, tokenOf(session, 'Ivy'))
    ).json() as ExportFile
    const second = await server()
    const imported = await fetch(`${second.url}/api/sessions/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exported),
    })
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as TestSession['created']
    const reviewerToken = copy.links.find((l) => l.role === 'reviewer')?.token ?? ''
    expect(await history(second, copy, reviewerToken)).toEqual(original)
    expect(original.changes.length).toBeGreaterThan(5)
  })
})
