import { request } from 'node:http'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { type BoardChange, type BoardHistory, type ExportFile, foldBoardHistory } from '@tradeoff/shared'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { waitFor } from '../support/poll'
import { page, rectangle } from '../support/records'
import { api, exportOf, importInto, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer, tempDataDir } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

const servers: TestServer[] = []
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function server(dataDir = tempDataDir()): Promise<TestServer> {
  const s = await startTestServer({ snapshotEvery: 7, dataDir })
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

/** A drawing round on one server, its history, and its export imported into a second server. */
async function importedRound() {
  const first = await server()
  const session = await newSession(first.url)
  await drawingRound(first, session)
  const original = await history(first, session, tokenOf(session, 'reviewer'))
  const second = await server()
  const copy = await importInto(second, await exportOf(first, session))
  return { original, second, copy }
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
    const { original, second, copy } = await importedRound()
    expect(await history(second, copy, copy.reviewerToken)).toEqual(original)
    expect(original.changes.length).toBeGreaterThan(5)
  })

  it('V12 an imported recording gets its history computed and stored in the background; the first request does not compute it again', async () => {
    const { original, second, copy } = await importedRound()
    const stored = await waitFor(
      () => storedHistory(second, copy.id) ?? undefined,
      'the history row is stored',
    )
    expect(stored.lastSeq).toBeGreaterThan(0)
    expect(computations(second, copy.id)).toBe(1)
    expect(await history(second, copy, copy.reviewerToken)).toEqual(original)
    expect(computations(second, copy.id)).toBe(1)
  })

  it('V19 once the history is ready, /board?at= answers from a timeline built from it, the same boards; a changed board is replayed again', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const { moments, interviewer } = await drawingRound(base, session)
    const reviewer = tokenOf(session, 'reviewer')
    const times = [0, ...Object.values(moments).flatMap((at) => [at - 1, at, at + 1]), 10 * 60_000]
    const replayed = []
    for (const at of times) replayed.push(await boardAt(base, session, at))
    const built = () =>
      base.logs.filter((line) => line.msg === 'board timeline built' && line.session === session.id).length
    expect(built()).toBe(0)
    await history(base, session, reviewer)
    // The next board request finds the history ready and builds the timeline in the background.
    await boardAt(base, session, 0)
    await waitFor(() => built() === 1, 'the timeline is built')
    for (const [i, at] of times.entries())
      expect(await boardAt(base, session, at), `at ${at}`).toEqual(replayed[i])
    expect(built()).toBe(1)

    // The board changes: the timeline no longer covers the log, so the change is replayed.
    interviewer.records.set('shape:late', rectangle('late', 9, 9))
    await waitFor(async () => 'shape:late' in (await boardAt(base, session, 10 * 60_000)), 'the new shape')
  })

  it('V13 a restarted server answers the history from the stored row, the same JSON, without computing it', async () => {
    const dataDir = tempDataDir()
    const first = await server(dataDir)
    const session = await newSession(first.url)
    await drawingRound(first, session)
    const before = await api(first, `/api/sessions/${session.id}/board/history`, tokenOf(session, 'reviewer'))
    expect(computations(first, session.id)).toBe(1)
    for (const c of clients.splice(0)) c.destroy()
    await first.close()

    const restarted = await server(dataDir)
    const after = await api(
      restarted,
      `/api/sessions/${session.id}/board/history`,
      tokenOf(session, 'reviewer'),
    )
    expect(after.status).toBe(200)
    expect(after.text).toBe(before.text)
    expect(computations(restarted, session.id)).toBe(0)
  })

  it('V14 a client accepting gzip gets the history gzipped, the same JSON as a client that does not', async () => {
    const base = await server()
    const session = await newSession(base.url)
    await drawingRound(base, session)
    const path = `/api/sessions/${session.id}/board/history`
    const token = tokenOf(session, 'reviewer')
    const gzipped = await rawGet(base, path, {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'gzip, br',
    })
    const plain = await rawGet(base, path, { authorization: `Bearer ${token}` })
    const identity = await rawGet(base, path, {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'identity, gzip;q=0',
    })
    for (const response of [gzipped, plain, identity]) {
      expect(response.status).toBe(200)
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      expect(Number(response.headers['content-length'])).toBe(response.body.length)
    }
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(identity.headers['content-encoding']).toBeUndefined()
    expect(gunzipSync(gzipped.body).toString()).toBe(plain.body.toString())
    expect(identity.body.toString()).toBe(plain.body.toString())
    expect(gzipped.body.length).toBeLessThan(plain.body.length)
    expect((JSON.parse(plain.body.toString()) as BoardHistory).changes.length).toBeGreaterThan(5)
  })

  it('V15 a history stored before the board changed goes on from its row (only the new updates replayed), exactly, and replaces it', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const { interviewer } = await drawingRound(base, session)
    const reviewer = tokenOf(session, 'reviewer')
    const first = await history(base, session, reviewer)
    const storedFirst = storedHistory(base, session.id)
    expect(storedFirst).toBeTruthy()
    interviewer.records.set('shape:late', rectangle('late', 900, 900))
    const second = await waitFor(async () => {
      const next = await history(base, session, reviewer)
      return next.changes.length > first.changes.length && next
    }, 'the history holds the late shape')
    expect(second.changes.at(-1)).toMatchObject({ id: 'shape:late' })
    const storedSecond = storedHistory(base, session.id)
    expect(storedSecond?.lastSeq).toBeGreaterThan(storedFirst?.lastSeq ?? Number.POSITIVE_INFINITY)
    expect(gunzipSync(storedSecond?.body ?? Buffer.alloc(0)).toString()).toBe(JSON.stringify(second))
    expect(computations(base, session.id)).toBeGreaterThanOrEqual(2)
    // It went on from the stored row: the earlier changes kept as they were, then the new ones.
    const resumed = base.logs.filter(
      (line) => line.msg === 'board history computed' && line.session === session.id && line.resumedFrom,
    )
    expect(resumed.map((line) => line.resumedFrom)).toContain(storedFirst?.lastSeq)
    expect(second.changes.slice(0, first.changes.length)).toEqual(first.changes)
    // And it is exact: applying it up to any moment gives the board the log replays for it.
    const times = new Set(second.changes.map((change) => change.at))
    for (const at of [...times]) for (const t of [at - 1, at]) if (t >= 0) times.add(t)
    for (const t of [...times].sort((a, b) => a - b)) {
      expect(foldBoardHistory(second.changes, t), `at ${t}`).toEqual(await boardAt(base, session, t))
    }
  })

  it('V16 deleting a session deletes its stored history', async () => {
    const base = await server()
    const session = await newSession(base.url)
    const keep = await newSession(base.url)
    await drawingRound(base, session)
    await history(base, session, tokenOf(session, 'reviewer'))
    await history(base, keep, tokenOf(keep, 'reviewer'))
    expect(storedHistory(base, session.id)).toBeTruthy()
    const deleted = await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'), {
      method: 'DELETE',
    })
    expect(deleted.status).toBe(204)
    expect(storedHistory(base, session.id)).toBeNull()
    expect(storedHistory(base, keep.id)).toBeTruthy()
  })

  it('V17 a server closed while it computes an imported history closes cleanly, and the next start serves it', async () => {
    const dataDir = tempDataDir()
    const first = await server()
    const file = longRecording(await exportOf(first, await newSession(first.url)), 3_000)
    const importing = await server(dataDir)
    const copy = await importInto(importing, file)
    await importing.close()
    expect(importing.logs.filter((line) => (line.level as number) >= 40)).toEqual([])

    const restarted = await server(dataDir)
    const { changes } = await history(restarted, copy, copy.reviewerToken)
    expect(changes).toHaveLength(3_001)
    expect(storedHistory(restarted, copy.id)).toBeTruthy()
  })

  it('V18 a database written before histories were stored opens, keeps its format, and gets the table', async () => {
    const dataDir = tempDataDir()
    const first = await server(dataDir)
    const session = await newSession(first.url)
    await drawingRound(first, session)
    for (const c of clients.splice(0)) c.destroy()
    await first.close()
    const db = new Database(join(dataDir, 'tradeoff.db'))
    db.exec('DROP TABLE board_history')
    const format = db.pragma('user_version', { simple: true })
    db.close()

    const upgraded = await server(dataDir)
    expect((await history(upgraded, session, tokenOf(session, 'reviewer'))).changes.length).toBeGreaterThan(5)
    expect(storedHistory(upgraded, session.id)).toBeTruthy()
    const reopened = new Database(join(dataDir, 'tradeoff.db'), { readonly: true })
    expect(reopened.pragma('user_version', { simple: true })).toBe(format)
    reopened.close()
  })
})

/** How many times the server computed the session's history (one log line each). */
function computations(base: TestServer, sessionId: string): number {
  return base.logs.filter((line) => line.msg === 'board history computed' && line.session === sessionId)
    .length
}

/** The session's row in `board_history`, read straight from the database, or null. */
function storedHistory(base: TestServer, sessionId: string): { lastSeq: number; body: Buffer } | null {
  const db = new Database(join(base.dataDir, 'tradeoff.db'), { readonly: true })
  try {
    const row = db
      .prepare<[string], { last_seq: number; body: Buffer }>(
        'SELECT last_seq, body FROM board_history WHERE session_id = ?',
      )
      .get(sessionId)
    return row ? { lastSeq: row.last_seq, body: row.body } : null
  } finally {
    db.close()
  }
}

/** `file` with a board of `moves` more updates by Ivy: a page and a shape, then the shape moved each time. */
function longRecording(file: ExportFile, moves: number): ExportFile {
  const doc = new Y.Doc()
  for (const { update } of file.docs.board) Y.applyUpdate(doc, Buffer.from(update, 'base64'))
  const board = [...file.docs.board]
  let at = board.at(-1)?.at ?? 0
  doc.on('update', (update: Uint8Array) => {
    at += 10
    board.push({ at, author: 'Ivy', update: Buffer.from(update).toString('base64') })
  })
  const records = doc.getMap('records')
  records.set('page:page', page())
  for (let i = 0; i < moves; i++) records.set('shape:a', rectangle('a', i, i))
  return { ...file, docs: { ...file.docs, board } }
}

/** A GET through node:http, which neither asks for nor decodes any content coding by itself. */
function rawGet(base: TestServer, path: string, headers: Record<string, string>) {
  return new Promise<{
    status: number
    headers: Record<string, string | string[] | undefined>
    body: Buffer
  }>((resolve, reject) => {
    request(`${base.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      )
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}
