import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { BoardHistory } from '@tradeoff/shared'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SqliteSessionRepository } from '../sessions/SqliteSessionRepository'
import { SqliteStore } from '../store/SqliteStore'
import { BoardHistoryCache } from './BoardHistoryCache'
import { SqliteBoardHistoryRepository } from './SqliteBoardHistoryRepository'

const CREATED_AT = 1_000_000

const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A database holding the given sessions (empty boards), and a cache over it with captured logs. */
function setUp(sessionIds: string[] = ['s1']) {
  const dir = mkdtempSync(join(tmpdir(), 'tradeoff-history-cache-'))
  const store = new SqliteStore(dir)
  new SqliteSessionRepository(store.db)
  const insertSession = store.db.prepare<[string, number]>(
    "INSERT INTO sessions (id, title, created_at, prompt_json, state_json) VALUES (?, 'test', ?, '{}', '{}')",
  )
  for (const id of sessionIds) insertSession.run(id, CREATED_AT)
  const rows = new SqliteBoardHistoryRepository(store.db)
  const logs: Array<Record<string, unknown>> = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) })
  const open = (capacity?: number) => {
    const cache = new BoardHistoryCache(store, rows, logger, capacity)
    cleanups.push(() => cache.close())
    return cache
  }
  cleanups.push(() => store.close())
  const computed = (session: string) =>
    logs.filter((line) => line.msg === 'board history computed' && line.session === session).length
  return { store, rows, logs, open, computed }
}

/** Appends one board update moving `shape:a` to `x`, as a live client would send it. */
async function move(store: SqliteStore, sessionId: string, doc: Y.Doc, x: number) {
  let update: Uint8Array | null = null
  doc.once('update', (u: Uint8Array) => {
    update = u
  })
  doc.getMap('records').set('shape:a', { id: 'shape:a', typeName: 'shape', x, y: 0 })
  if (!update) throw new Error('no update')
  await store.appendUpdate({ sessionId, doc: 'board' }, update, { at: CREATED_AT + x, author: 'Ivy' })
}

const parse = (gzipped: Buffer) => JSON.parse(gunzipSync(gzipped).toString()) as BoardHistory

describe('BoardHistoryCache', () => {
  it('shares one computation between concurrent requests, reuses it while the log is unchanged, and replaces it once the log grew', async () => {
    const { store, rows, open, computed } = setUp()
    const doc = new Y.Doc()
    await move(store, 's1', doc, 10)
    const cache = open()
    const answers = await Promise.all([cache.gzipped('s1', CREATED_AT), cache.gzipped('s1', CREATED_AT)])
    expect(computed('s1')).toBe(1)
    expect(answers[0]).toBe(answers[1])
    expect(await cache.gzipped('s1', CREATED_AT)).toBe(answers[0])
    expect(computed('s1')).toBe(1)
    expect((await rows.get('s1'))?.lastSeq).toBe(1)

    await move(store, 's1', doc, 20)
    expect(parse(await cache.gzipped('s1', CREATED_AT)).changes.at(-1)).toEqual({
      at: 20,
      id: 'shape:a',
      patch: { x: 20 },
    })
    expect(computed('s1')).toBe(2)
    expect((await rows.get('s1'))?.lastSeq).toBe(2)
  })

  it('answers from the stored row after a restart, without computing, unless the log grew since', async () => {
    const { store, rows, open, computed } = setUp()
    const doc = new Y.Doc()
    await move(store, 's1', doc, 10)
    const first = await open().gzipped('s1', CREATED_AT)
    expect(computed('s1')).toBe(1)

    const restarted = open()
    expect(Buffer.compare(await restarted.gzipped('s1', CREATED_AT), first)).toBe(0)
    expect(computed('s1')).toBe(1)

    await move(store, 's1', doc, 20)
    expect(parse(await open().gzipped('s1', CREATED_AT)).changes).toHaveLength(2)
    expect(computed('s1')).toBe(2)
    expect((await rows.get('s1'))?.lastSeq).toBe(2)
  })

  it('computes again a stored row of another format', async () => {
    const { store, rows, open, computed } = setUp()
    await move(store, 's1', new Y.Doc(), 10)
    await rows.put('s1', { format: 0, lastSeq: 1, body: Buffer.from('not what this build stores') })
    expect(parse(await open().gzipped('s1', CREATED_AT)).changes).toHaveLength(1)
    expect(computed('s1')).toBe(1)
    expect((await rows.get('s1'))?.format).not.toBe(0)
  })

  it('keeps only the sessions last asked in memory; a dropped one comes back from its row', async () => {
    const { rows, open, computed } = setUp(['s1', 's2', 's3'])
    const cache = open(2)
    for (const id of ['s1', 's2', 's1', 's3']) await cache.gzipped(id, CREATED_AT)
    expect([computed('s1'), computed('s2'), computed('s3')]).toEqual([1, 1, 1])
    // s2 was dropped from memory: without its row it would be computed again, s1 and s3 not.
    rows.delete('s1')
    rows.delete('s2')
    rows.delete('s3')
    for (const id of ['s1', 's3', 's2']) await cache.gzipped(id, CREATED_AT)
    expect([computed('s1'), computed('s2'), computed('s3')]).toEqual([1, 2, 1])
  })

  it('prepares a history in the background, after the caller has gone on', async () => {
    const { store, rows, open, computed } = setUp()
    await move(store, 's1', new Y.Doc(), 10)
    const cache = open()
    cache.prepare('s1', CREATED_AT)
    expect(await rows.get('s1')).toBeNull()
    // Compressing runs on libuv's threads: give it up to 5 s on a busy machine.
    const deadline = Date.now() + 5_000
    while (!(await rows.get('s1')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await rows.get('s1'))?.lastSeq).toBe(1)
    await cache.gzipped('s1', CREATED_AT)
    expect(computed('s1')).toBe(1)
  })

  it('stores nothing for a session that no longer exists', async () => {
    const { store, rows, open, logs } = setUp()
    await move(store, 's1', new Y.Doc(), 10)
    store.db.prepare('DELETE FROM sessions').run()
    expect(parse(await open().gzipped('s1', CREATED_AT)).changes).toHaveLength(1)
    expect(await rows.get('s1')).toBeNull()
    expect(logs.filter((line) => (line.level as number) >= 40)).toEqual([])
  })

  it('close stops a running computation and a pending preparation; the preparation logs no error', async () => {
    const { store, rows, open, logs, computed } = setUp(['s1', 's2'])
    const doc = new Y.Doc()
    store.db.transaction(() => {
      for (let x = 0; x < 3_000; x++) {
        doc.once('update', (update: Uint8Array) => {
          store.appendUpdateNow({ sessionId: 's1', doc: 'board' }, update, {
            at: CREATED_AT + x,
            author: 'a',
          })
        })
        doc.getMap('records').set('shape:a', { id: 'shape:a', x })
      }
    })()
    const cache = open()
    const asked = cache.gzipped('s1', CREATED_AT).then(
      () => null,
      (error: unknown) => error,
    )
    await new Promise(setImmediate)
    cache.prepare('s2', CREATED_AT)
    await cache.close()
    expect(await asked).toMatchObject({ name: 'AbortError' })
    await expect(cache.gzipped('s1', CREATED_AT)).rejects.toThrow(/abort/i)
    expect(computed('s1') + computed('s2')).toBe(0)
    expect(await rows.get('s1')).toBeNull()
    expect(logs.filter((line) => (line.level as number) >= 40)).toEqual([])
  })
})
