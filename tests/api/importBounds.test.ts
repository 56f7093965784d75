import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { ExportFile } from '@tradeoff/shared'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SqliteStore } from '../../server/src/store/SqliteStore'
import { waitFor } from '../support/poll'
import { note, page, rectangle } from '../support/records'
import { api, exportOf, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer, tempDataDir } from '../support/server'
import { newSession } from '../support/sessions'

const servers: TestServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  servers.push(started)
  return started
}

function encoded(change: (doc: Y.Doc) => void): string {
  const doc = new Y.Doc()
  change(doc)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return Buffer.from(update).toString('base64')
}

/**
 * A round exported from `base`: Ivy and Ian interview Cam; Ivy started the clock, wrote a note and
 * submitted a scorecard; Cam drew a rectangle.
 */
async function roundFile(base: TestServer): Promise<ExportFile> {
  const session = await newSession(base.url)
  const ivy = tokenOf(session, 'Ivy')
  await api(base, `/api/sessions/${session.id}/control`, ivy, { method: 'POST', body: { action: 'start' } })
  await api(base, `/api/sessions/${session.id}/scorecards`, ivy, {
    method: 'POST',
    body: { scores: { caching: 3 }, overall: 3, level: 'senior', summary: 'Solid.' },
  })
  const file = await exportOf(base, session)
  const last = file.docs.board.at(-1)?.at ?? 0
  file.docs.board.push({
    at: last + 1_000,
    author: 'Cam',
    update: encoded((doc) => {
      doc.getMap('records').set('page:page', page())
      doc.getMap('records').set('shape:a', rectangle('a'))
    }),
  })
  file.docs.panel.push({
    at: last + 2_000,
    author: 'Ivy',
    update: encoded((doc) => doc.getMap('notes').set('n1', note('n1', 'Ivy'))),
  })
  return file
}

async function importFile(base: TestServer, body: unknown) {
  const response = await fetch(`${base.url}/api/sessions/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string } },
  }
}

/**
 * Imports a file that must be accepted, and waits until the board history the server computes
 * after an import is stored, so later row counts are not disturbed by it.
 */
async function importAccepted(base: TestServer, file: unknown): Promise<void> {
  const answer = await importFile(base, file)
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  const { id } = answer.body as unknown as { id: string }
  await waitFor(() => {
    const db = new Database(join(base.dataDir, 'tradeoff.db'), { readonly: true })
    try {
      return db.prepare('SELECT 1 FROM board_history WHERE session_id = ?').get(id) !== undefined
    } finally {
      db.close()
    }
  }, 'the imported board history is stored')
}

/** Rows in every table of the server's database, by table. */
function rowCounts(base: TestServer): Record<string, number> {
  const db = new Database(join(base.dataDir, 'tradeoff.db'), { readonly: true })
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT COUNT(*) AS n FROM ${name}`).get() as { n: number }).n,
      ]),
    )
  } finally {
    db.close()
  }
}

/** Imports `file` into `base` and expects it refused with `status`, a message matching `message`, nothing stored. */
async function expectRefused(
  base: TestServer,
  file: unknown,
  status: number,
  message: RegExp,
): Promise<void> {
  const before = rowCounts(base)
  const answer = await importFile(base, file)
  expect(answer.status, JSON.stringify(answer.body)).toBe(status)
  expect(answer.body.error?.message).toMatch(message)
  expect(rowCounts(base)).toEqual(before)
}

describe('import bounds', () => {
  it('R38 the round file imports; notes come only from its interviewers, drawings only from its drawers', async () => {
    const base = await server()
    const file = await roundFile(base)
    await importAccepted(base, file)

    const panelBy = (author: string) => {
      const copy = structuredClone(file)
      const last = copy.docs.panel.at(-1)
      if (last) last.author = author
      return copy
    }
    const lastPanel = file.docs.panel.length - 1
    const panelAuthor = new RegExp(
      `docs\\.panel\\.${lastPanel}\\.author: notes may only be written by an interviewer`,
    )
    await expectRefused(base, panelBy('Mallory'), 400, panelAuthor)
    await expectRefused(base, panelBy('Cam'), 400, panelAuthor)
    await expectRefused(base, panelBy('Reviewer'), 400, panelAuthor)
    // Ivy may not write a note in Ian's name, as live.
    const forged = structuredClone(file)
    forged.docs.panel.push({
      at: (forged.docs.panel.at(-1)?.at ?? 0) + 1,
      author: 'Ivy',
      update: encoded((doc) => doc.getMap('notes').set('n2', note('n2', 'Ian'))),
    })
    await expectRefused(base, forged, 400, /docs\.panel\.\d+/)
    // Nor may an interviewer who is not in the file.
    const renamed = structuredClone(file)
    renamed.session.participants = renamed.session.participants.map((p) =>
      p.name === 'Ivy' ? { ...p, role: 'candidate' as const } : p,
    )
    await expectRefused(base, renamed, 400, /notes may only be written by an interviewer|scorecards/)

    for (const author of ['Mallory', 'Reviewer']) {
      const copy = structuredClone(file)
      const drawing = copy.docs.board.at(-1)
      if (drawing) drawing.author = author
      await expectRefused(base, copy, 400, /docs\.board\.\d+\.author: not a participant who may draw/)
    }
  })

  it('R38 scorecards come only from the file interviewers, one each; events name only its participants', async () => {
    const base = await server()
    const file = await roundFile(base)
    const [card] = file.scorecards
    if (!card) throw new Error('the round has a scorecard')
    for (const author of ['Cam', 'Reviewer', 'Mallory']) {
      await expectRefused(
        base,
        { ...file, scorecards: [{ ...card, author }] },
        400,
        /scorecards\.0\.author: not an interviewer/,
      )
    }
    await expectRefused(
      base,
      { ...file, scorecards: [card, { ...card, summary: 'again' }] },
      400,
      /scorecards\.1\.author: an interviewer has at most one scorecard/,
    )
    const event = {
      at: 5,
      kind: 'join' as const,
      role: 'interviewer' as const,
      name: 'Ivy',
      detail: 'Ivy joined',
    }
    for (const odd of [
      { ...event, name: 'Mallory' },
      { ...event, role: 'candidate' as const },
    ]) {
      await expectRefused(
        base,
        { ...file, events: [...file.events, odd] },
        400,
        /events\.\d+\.name: not a participant/,
      )
    }
    const duplicated = structuredClone(file)
    duplicated.session.participants.push({ role: 'interviewer', name: 'Ivy' })
    await expectRefused(base, duplicated, 400, /session\.participants: interviewer names must differ/)

    const anonymous = {
      ...file,
      events: [...file.events, { ...event, role: null, name: null, detail: 'someone' }],
    }
    await importAccepted(base, anonymous)
  })

  it('R38 a file over LIMIT_MAX_IMPORT_EVENTS events gets 400, over LIMIT_MAX_IMPORT_BYTES gets 413, nothing stored', async () => {
    const source = await server()
    const file = await roundFile(source)
    const size = Buffer.byteLength(JSON.stringify(file))
    const base = await server({
      env: { LIMIT_MAX_IMPORT_EVENTS: '3', LIMIT_MAX_IMPORT_BYTES: String(size + 2_000) },
    })
    const event = { at: 5, kind: 'hint' as const, role: null, name: null, detail: 'hint' }
    const events = [event, event, event]
    await importAccepted(base, { ...file, events })
    await expectRefused(
      base,
      { ...file, events: [...events, event] },
      400,
      /^events: a session file may carry at most 3 events/,
    )
    const padded = { ...file, session: { ...file.session }, padding: 'x'.repeat(3_000) }
    const before = rowCounts(base)
    const answer = await importFile(base, padded)
    expect(answer.status).toBe(413)
    expect(answer.body).toEqual({
      error: { code: 'too_large', message: expect.stringContaining(String(size + 2_000)) },
    })
    expect(rowCounts(base)).toEqual(before)
  })

  it('R38 an import is all or nothing: a store failing half-way through leaves no row of it', async () => {
    const dataDir = tempDataDir()
    const store = new SqliteStore(dataDir)
    const base = await server({ store, dataDir })
    const file = await roundFile(base)
    // Enough drawing (labels that do not compress) that the session row fits in the room left on the
    // disk and the log does not.
    let at = file.docs.board.at(-1)?.at ?? 0
    for (let i = 0; i < 200; i++) {
      at += 10
      file.docs.board.push({
        at,
        author: 'Cam',
        update: encoded((doc) =>
          doc
            .getMap('records')
            .set(`shape:b${i}`, rectangle(`b${i}`, i, i, randomBytes(1_000).toString('hex'))),
        ),
      })
    }
    const pages = store.db.pragma('page_count', { simple: true }) as number
    store.db.pragma(`max_page_count = ${pages + 40}`)
    const before = rowCounts(base)
    const answer = await importFile(base, file)
    expect(answer.status).toBe(503)
    expect(answer.body.error?.code).toBe('storage_unavailable')
    expect(rowCounts(base)).toEqual(before)

    store.db.pragma('max_page_count = 1073741823')
    await importAccepted(base, file)
  })
})
