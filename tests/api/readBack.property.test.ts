import { gunzipSync } from 'node:zlib'
import { type BoardHistory, foldBoardHistory, type SessionReport } from '@tradeoff/shared'
import { soundBoard } from '@tradeoff/shared/boardSoundness'
import { DEFAULT_LIMITS } from '@tradeoff/shared/limits'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { PAGE_ID, page, rectangle } from '../support/records'
import { api, exportOf, importInto, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

/**
 * Property: whatever sequence of updates the server accepted, every way of reading the board
 * back works and agrees. Seeded random rounds: two writers (an interviewer and the candidate)
 * create, move, nest, group, connect and delete shapes and pages, sometimes at the same moment,
 * and a third connection sends hostile updates the server must refuse. Then `/board`,
 * `/board?at=`, `/board/history`, the report, the export and its re-import must all succeed and
 * agree with what the writers held.
 */

type Json = Record<string, unknown>

const servers: TestServer[] = []
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** A small seeded random source (mulberry32). */
function seeded(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T | undefined {
      return items.length === 0 ? undefined : items[Math.floor(next() * items.length)]
    },
    chance: (p: number) => next() < p,
  }
}
type Random = ReturnType<typeof seeded>

// ---------------------------------------------------------------------------------------------
// Board records as tldraw writes them

const shapeOf = (id: string, parentId: string, x: number, y: number): Json => ({
  ...rectangle(id.slice('shape:'.length), x, y),
  parentId,
})
const frameOf = (id: string, parentId: string, x: number, y: number): Json => ({
  ...shapeOf(id, parentId, x, y),
  type: 'frame',
  props: { w: 400, h: 300, name: '', color: 'black' },
})
const groupOf = (id: string, parentId: string): Json => ({
  ...shapeOf(id, parentId, 0, 0),
  type: 'group',
  props: {},
})
const arrowOf = (id: string, parentId: string): Json => ({
  ...shapeOf(id, parentId, 0, 0),
  type: 'arrow',
  props: {
    kind: 'arc',
    labelColor: 'black',
    color: 'black',
    fill: 'none',
    dash: 'draw',
    size: 'm',
    arrowheadStart: 'none',
    arrowheadEnd: 'arrow',
    font: 'draw',
    start: { x: 0, y: 0 },
    end: { x: 100, y: 0 },
    bend: 0,
    richText: { type: 'doc', content: [{ type: 'paragraph' }] },
    labelPosition: 0.5,
    scale: 1,
    elbowMidPoint: 0.5,
  },
})
const bindingOf = (id: string, fromId: string, toId: string, terminal: 'start' | 'end'): Json => ({
  id,
  typeName: 'binding',
  type: 'arrow',
  fromId,
  toId,
  meta: {},
  props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
})

// ---------------------------------------------------------------------------------------------
// Edits, chosen from what a writer holds, made as tldraw makes them

/**
 * What one writer shows, read for choosing an edit: as the app's board binding hands it to
 * tldraw, so a shape left without its frame by a merge shows (and is edited) on the page.
 */
function viewOf(client: SyncClient) {
  const sound = soundBoard(client.records.values(), DEFAULT_LIMITS)
  const records = Object.fromEntries(sound.records)
  const all = Object.values(records)
  const shapes = all.filter((r) => r.typeName === 'shape')
  const containers = shapes.filter((r) => r.type === 'frame' || r.type === 'group')
  const pages = all.filter((r) => r.typeName === 'page')
  /** `id` and everything under it, and the bindings that touch any of them: what tldraw deletes together. */
  const withEverythingUnder = (id: string): string[] => {
    const out = new Set([id])
    for (let grew = true; grew; ) {
      grew = false
      for (const r of all) {
        const id = String(r.id)
        if (out.has(id)) continue
        const under = r.typeName === 'shape' && out.has(String(r.parentId))
        const touches = r.typeName === 'binding' && (out.has(String(r.fromId)) || out.has(String(r.toId)))
        if (under || touches) {
          out.add(id)
          grew = true
        }
      }
    }
    return [...out]
  }
  const isUnder = (id: string, ancestor: string) => {
    for (let at = records[id], steps = 0; at && steps < 200; at = records[String(at.parentId)], steps++) {
      if (at.id === ancestor) return true
    }
    return false
  }
  return { records, shapes, containers, pages, withEverythingUnder, isUnder }
}

let serial = 0
const newId = (kind: string) => `${kind}:p${++serial}`

/** One honest edit by `client`, chosen at random from what it holds; a name for failure messages. */
function honestEdit(client: SyncClient, random: Random): string {
  const view = viewOf(client)
  const records = client.records
  const pageId = String(random.pick(view.pages)?.id ?? PAGE_ID)
  const parentFor = () =>
    String(random.pick([...view.containers.filter((c) => c.type === 'frame'), ...view.pages])?.id ?? pageId)
  const roll = random.int(0, 9)
  const shape = random.pick(view.shapes.filter((s) => s.type !== 'group'))
  const transact = (edit: () => void) => client.doc.transact(edit)
  if (roll <= 1 || !shape) {
    const id = newId('shape')
    records.set(id, shapeOf(id, parentFor(), random.int(-2000, 2000), random.int(-2000, 2000)))
    return 'create a shape'
  }
  if (roll === 2) {
    const id = newId('shape')
    records.set(id, frameOf(id, parentFor(), random.int(-2000, 2000), random.int(-2000, 2000)))
    return 'create a frame'
  }
  if (roll === 3) {
    records.set(String(shape.id), { ...shape, x: random.int(-3000, 3000), y: random.int(-3000, 3000) })
    return 'move a shape'
  }
  if (roll === 4) {
    const frames = view.containers.filter(
      (c) => c.type === 'frame' && !view.isUnder(String(c.id), String(shape.id)),
    )
    const target = random.pick(frames)
    if (!target) return 'nothing to nest'
    records.set(String(shape.id), { ...shape, parentId: target.id })
    return 'move a shape into a frame'
  }
  if (roll === 5) {
    transact(() => {
      for (const id of view.withEverythingUnder(String(shape.id))) records.delete(id)
    })
    return 'delete a shape with what is under it'
  }
  if (roll === 6) {
    const [from, to] = [random.pick(view.shapes), random.pick(view.shapes)]
    if (!from || !to || from.type === 'arrow' || to.type === 'arrow') return 'nothing to connect'
    const [arrow, start, end] = [newId('shape'), newId('binding'), newId('binding')]
    transact(() => {
      records.set(arrow, arrowOf(arrow, pageId))
      records.set(start, bindingOf(start, arrow, String(from.id), 'start'))
      records.set(end, bindingOf(end, arrow, String(to.id), 'end'))
    })
    return 'draw an arrow between two shapes'
  }
  if (roll === 7) {
    const loose = view.shapes.filter((s) => s.parentId === pageId && s.type !== 'arrow')
    const [a, b] = [random.pick(loose), random.pick(loose)]
    if (!a || !b || a.id === b.id) return 'nothing to group'
    const group = newId('shape')
    transact(() => {
      records.set(group, groupOf(group, pageId))
      records.set(String(a.id), { ...a, parentId: group })
      records.set(String(b.id), { ...b, parentId: group })
    })
    return 'group two shapes'
  }
  if (roll === 8 || view.pages.length < 2) {
    const id = newId('page')
    records.set(id, { ...page(id, `Page ${serial}`), index: `a${random.int(2, 9)}` })
    return 'add a page'
  }
  const doomed = random.pick(view.pages.filter((p) => p.id !== PAGE_ID))
  if (!doomed) return 'no page to delete'
  transact(() => {
    for (const id of view.withEverythingUnder(String(doomed.id))) records.delete(id)
  })
  return 'delete a page with its shapes'
}

/**
 * Two honest edits racing over one frame: the first writer moves a shape into it while the second
 * moves that shape and deletes the frame with what it holds. Both pass: if Yjs keeps the first
 * writer's shape under a frame that is gone, the server's repair puts it on the page.
 * Returns null when the board has no frame and loose shape for it.
 */
function racingEdits(first: SyncClient, second: SyncClient, random: Random): string | null {
  const view = viewOf(first)
  const frame = random.pick(view.containers.filter((c) => c.type === 'frame'))
  const shape = random.pick(
    view.shapes.filter((s) => frame && s.type === 'geo' && !view.isUnder(String(s.id), String(frame.id))),
  )
  if (!frame || !shape) return null
  const theirs = viewOf(second)
  const doomed = theirs.withEverythingUnder(String(frame.id))
  if (doomed.includes(String(shape.id))) return null
  first.records.set(String(shape.id), { ...shape, parentId: frame.id })
  second.doc.transact(() => {
    second.records.set(String(shape.id), { ...shape, x: Number(shape.x) + 10 })
    for (const id of doomed) second.records.delete(id)
  })
  return 'one fills a frame the other deletes'
}

/** One hostile update, built on what the forger holds: the server must refuse it whole. */
function hostileEdit(forger: SyncClient, random: Random): string {
  const view = viewOf(forger)
  const records = forger.records
  const witness = newId('shape')
  const send = (name: string, edit: () => void) => {
    forger.doc.transact(() => {
      edit()
      // Something valid in the same update: it must not be applied either.
      records.set(witness, shapeOf(witness, PAGE_ID, 0, 0))
    })
    return name
  }
  const frameWithChild = view.containers.find((c) => view.shapes.some((s) => s.parentId === c.id))
  switch (random.int(0, 7)) {
    case 0: {
      const id = newId('shape')
      return send('a shape parented to itself', () => records.set(id, shapeOf(id, id, 0, 0)))
    }
    case 1: {
      if (frameWithChild) {
        const under = view.shapes.find((s) => s.parentId === frameWithChild.id)
        return send('a frame moved under its own child', () =>
          records.set(String(frameWithChild.id), { ...frameWithChild, parentId: under?.id }),
        )
      }
      const [a, b] = [newId('shape'), newId('shape')]
      return send('two shapes parented to each other', () => {
        records.set(a, frameOf(a, b, 0, 0))
        records.set(b, frameOf(b, a, 0, 0))
      })
    }
    case 2: {
      const id = newId('shape')
      return send('a shape in a frame that is not there', () =>
        records.set(id, shapeOf(id, 'shape:nowhere', 0, 0)),
      )
    }
    case 3: {
      const target = random.pick(view.shapes)
      const id = newId('binding')
      return send('a binding to a shape that is not there', () =>
        records.set(id, bindingOf(id, String(target?.id ?? 'shape:none'), 'shape:nowhere', 'end')),
      )
    }
    case 4:
      if (frameWithChild)
        return send('a shape under a parent that never was on the board', () => {
          const id = newId('shape')
          records.set(id, shapeOf(id, `${String(frameWithChild.id)}-never`, 0, 0))
        })
      return send('a NaN coordinate', () => {
        const id = newId('shape')
        records.set(id, { ...shapeOf(id, PAGE_ID, 0, 0), x: Number.NaN })
      })
    case 5: {
      const target = random.pick(view.shapes)
      return send('a coordinate of 1e300', () => {
        const id = String(target?.id ?? newId('shape'))
        records.set(id, { ...(target ?? shapeOf(id, PAGE_ID, 0, 0)), y: 1e300 })
      })
    }
    case 6: {
      const id = newId('shape')
      return send('a 50,001-character string in meta', () =>
        records.set(id, { ...shapeOf(id, PAGE_ID, 0, 0), meta: { text: 'x'.repeat(50_001) } }),
      )
    }
    default: {
      let deep: unknown = {}
      for (let level = 0; level < 40; level++) deep = { deep }
      const id = newId('shape')
      return send('meta nested 40 deep', () =>
        records.set(id, { ...shapeOf(id, PAGE_ID, 0, 0), meta: { deep } }),
      )
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A round

interface Writer {
  who: 'Ivy' | 'candidate'
  client: SyncClient
}

async function connectWriter(base: TestServer, session: TestSession, who: Writer['who']): Promise<Writer> {
  const client = connectClient(base.wsUrl, session, { token: tokenOf(session, who) })
  clients.push(client)
  await client.synced
  return { who, client }
}

const boardJson = (client: SyncClient) => JSON.stringify(sortedRecords(client.records.toJSON()))
function sortedRecords(records: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(records).sort(([a], [b]) => a.localeCompare(b)))
}

/**
 * Runs a random round of `steps` edits and returns what it checks against: the moments captured
 * (ms since creation, and the board both writers held then) and counts of what happened.
 */
async function randomRound(base: TestServer, session: TestSession, random: Random, steps: number) {
  const createdAt = (await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'))).json()
    .createdAt as number
  const writers = [await connectWriter(base, session, 'Ivy'), await connectWriter(base, session, 'candidate')]
  writers[0]?.client.records.set(PAGE_ID, page())
  const moments: Array<{ at: number; records: Record<string, unknown> }> = []
  const counts = { honest: 0, concurrent: 0, races: 0, hostile: 0 }

  /** Waits until the writers agree. Honest writers, racing or not, are never refused. */
  const settle = async (what: string) => {
    await waitFor(
      () =>
        writers.some((w) => w.client.closeCodes.length > 0) ||
        writers.every((w) => boardJson(w.client) === boardJson(writers[0]?.client as SyncClient)),
      `the writers agree after: ${what}`,
    )
    for (const writer of writers) expect(writer.client.closeCodes, what).toEqual([])
    await waitFor(
      () => writers.every((w) => boardJson(w.client) === boardJson(writers[0]?.client as SyncClient)),
      `the writers agree again after: ${what}`,
    )
    const at = Date.now() - createdAt
    moments.push({ at, records: (writers[0] as Writer).client.records.toJSON() })
    // The server stamps updates in whole milliseconds: the next edit must fall after this moment.
    await waitFor(() => Date.now() - createdAt > at, 'the clock moves past the captured moment')
  }

  await settle('the page')
  for (let step = 0; step < steps; step++) {
    const roll = random.next()
    if (roll < 0.2) {
      counts.hostile++
      const before = boardJson((writers[0] as Writer).client)
      const forger = connectClient(base.wsUrl, session, { token: tokenOf(session, 'Ian') })
      clients.push(forger)
      await forger.synced
      const what = hostileEdit(forger, random)
      await waitFor(() => forger.closeCodes.includes(4400), `refused with 4400: ${what}`)
      forger.destroy()
      // A client joining now gets the server's board: nothing of the refused update is in it.
      const probe = connectClient(base.wsUrl, session, { token: tokenOf(session, 'Ian') })
      clients.push(probe)
      await probe.synced
      expect(boardJson(probe), what).toBe(before)
      probe.destroy()
    } else if (roll < 0.4) {
      counts.concurrent++
      // Both edit before either hears of the other's edit.
      const [first, second] = random.chance(0.5) ? writers : [...writers].reverse()
      const race = random.chance(0.5)
        ? racingEdits(first?.client as SyncClient, second?.client as SyncClient, random)
        : null
      if (race) counts.races++
      const names = race ? [race] : writers.map((w) => honestEdit(w.client, random))
      await settle(`at the same moment: ${names.join(' / ')}`)
    } else {
      counts.honest++
      const writer = random.pick(writers) as Writer
      await settle(honestEdit(writer.client, random))
    }
  }
  return { moments, counts, final: (writers[0] as Writer).client.records.toJSON() }
}

async function history(base: TestServer, sessionId: string, token: string): Promise<BoardHistory> {
  const response = await fetch(`${base.url}/api/sessions/${sessionId}/board/history`, {
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
  })
  expect(response.status).toBe(200)
  const body = Buffer.from(await response.arrayBuffer())
  // fetch inflates a gzipped answer itself; a raw gzip body is inflated here.
  const text = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body).toString() : body.toString()
  return JSON.parse(text) as BoardHistory
}

/** Steps per round: about 3 s of a round on a shared 2-core machine. */
const STEPS = 80

describe('what the server accepts, it can always read back', () => {
  for (const seed of [11, 2024, 777]) {
    it(`R28 seed ${seed}: after random honest, concurrent and hostile updates, /board, /board?at=, the history, the report, export and re-import all succeed and agree`, async () => {
      const random = seeded(seed)
      const base = await startTestServer({ snapshotEvery: 7 })
      servers.push(base)
      const session = await newSession(base.url)
      const reviewer = tokenOf(session, 'reviewer')
      const { moments, counts, final } = await randomRound(base, session, random, STEPS)
      expect(counts.hostile + counts.honest + counts.concurrent).toBe(STEPS)

      const now = await api(base, `/api/sessions/${session.id}/board`, reviewer)
      expect(now.status).toBe(200)
      expect(sortedRecords(now.json().records)).toEqual(sortedRecords(final))

      const { changes } = await history(base, session.id, reviewer)
      const sampled = moments.filter((_, index) => index % 4 === 0 || index === moments.length - 1)
      for (const moment of sampled) {
        const then = await api(base, `/api/sessions/${session.id}/board?at=${moment.at}`, reviewer)
        expect(then.status, `board at ${moment.at}`).toBe(200)
        expect(then.json().records, `board at ${moment.at}`).toEqual(moment.records)
        expect(foldBoardHistory(changes, moment.at), `history folded to ${moment.at}`).toEqual(moment.records)
      }

      const report = await api(base, `/api/sessions/${session.id}/report?format=json`, reviewer)
      expect(report.status).toBe(200)
      expect((report.json() as SessionReport).session.id).toBe(session.id)
      const markdown = await api(base, `/api/sessions/${session.id}/report?format=md`, reviewer)
      expect(markdown.status).toBe(200)

      const file = await exportOf(base, session)
      expect(file.docs.board.length).toBeGreaterThan(0)
      const copy = await importInto(base, file)
      const imported = await api(base, `/api/sessions/${copy.id}/board`, copy.reviewerToken)
      expect(imported.status).toBe(200)
      expect(sortedRecords(imported.json().records)).toEqual(sortedRecords(final))
      const importedHistory = await history(base, copy.id, copy.reviewerToken)
      expect(foldBoardHistory(importedHistory.changes, Number.POSITIVE_INFINITY)).toEqual(
        foldBoardHistory(changes, Number.POSITIVE_INFINITY),
      )
    }, 60_000)
  }
})
