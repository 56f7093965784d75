import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { foldBoardHistory } from '@tradeoff/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SqliteStore } from '../store/SqliteStore'
import { boardChange, computeBoardHistory } from './boardHistory'
import { boardRecordsAt } from './replayBoard'

const SESSION = 'session-1'
const CREATED_AT = 1_000_000
const KEY = { sessionId: SESSION, doc: 'board' } as const

const stores: SqliteStore[] = []

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
})

function newStore(): SqliteStore {
  const store = new SqliteStore(mkdtempSync(join(tmpdir(), 'tradeoff-history-')))
  stores.push(store)
  return store
}

/** A writer's document whose every transaction becomes one update, as a live client sends it. */
function writer(clientID: number) {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return { doc, records: doc.getMap<unknown>('records'), updates }
}

const box = (x: number, label = '') => ({
  id: 'shape:a',
  typeName: 'shape',
  x,
  y: 0,
  props: { w: 10, label },
})

/** A store whose board log holds 3,000 moves of one shape by Ivy, one per millisecond. */
function longLog() {
  const store = newStore()
  const ivy = writer(1)
  for (let i = 0; i < 3_000; i++) ivy.records.set('shape:a', box(i))
  store.db.transaction(() => {
    for (const [i, update] of ivy.updates.entries()) {
      store.appendUpdateNow(KEY, update, { at: CREATED_AT + i, author: 'Ivy' })
    }
  })()
  return store
}

describe('boardChange', () => {
  it('gives the whole record when it appears and `removed` when it goes', () => {
    expect(boardChange(5, 'shape:a', undefined, box(1))).toEqual({ at: 5, id: 'shape:a', record: box(1) })
    expect(boardChange(5, 'shape:a', box(1), undefined)).toEqual({ at: 5, id: 'shape:a', removed: true })
    expect(boardChange(5, 'shape:a', undefined, undefined)).toBeNull()
  })

  it('patches only the top-level keys whose value changed, with their whole new value', () => {
    expect(boardChange(5, 'shape:a', box(1), box(2))).toEqual({ at: 5, id: 'shape:a', patch: { x: 2 } })
    expect(boardChange(5, 'shape:a', box(1), box(1, 'db'))).toEqual({
      at: 5,
      id: 'shape:a',
      patch: { props: { w: 10, label: 'db' } },
    })
  })

  it('compares deeply, ignoring key order, so an identical value is no change', () => {
    const reordered = { props: { label: '', w: 10 }, y: 0, x: 1, typeName: 'shape', id: 'shape:a' }
    expect(boardChange(5, 'shape:a', box(1), reordered)).toBeNull()
    expect(boardChange(5, 'shape:a', { list: [1, { a: 2 }] }, { list: [1, { a: 2 }] })).toBeNull()
    expect(boardChange(5, 'shape:a', { list: [1, 2] }, { list: [1, 2, 3] })).toEqual({
      at: 5,
      id: 'shape:a',
      patch: { list: [1, 2, 3] },
    })
    expect(boardChange(5, 'shape:a', { v: null }, { v: {} })).toEqual({
      at: 5,
      id: 'shape:a',
      patch: { v: {} },
    })
  })

  it('lists the keys that disappeared in `unset`, and a key that appeared in the patch', () => {
    expect(boardChange(5, 'shape:a', { a: 1, b: 2 }, { a: 1, c: 3 })).toEqual({
      at: 5,
      id: 'shape:a',
      patch: { c: 3 },
      unset: ['b'],
    })
    expect(boardChange(5, 'shape:a', { a: 1, b: 2 }, { a: 1 })).toEqual({
      at: 5,
      id: 'shape:a',
      patch: {},
      unset: ['b'],
    })
  })
})

describe('computeBoardHistory', () => {
  it('folds to the same board as the replay at every logged moment, conflicts and out-of-order updates included', async () => {
    const store = newStore()
    const log = async (offset: number, update: Uint8Array) => {
      await store.appendUpdate(KEY, update, { at: CREATED_AT + offset, author: 'Ivy' })
    }
    const ivy = writer(1)
    const cam = writer(2)
    ivy.doc.transact(() => {
      ivy.records.set('page:page', { id: 'page:page', typeName: 'page', name: 'Page 1' })
      ivy.records.set('shape:a', box(1))
      ivy.records.set('shape:b', { ...box(5), id: 'shape:b' })
    })
    Y.applyUpdate(cam.doc, Y.encodeStateAsUpdate(ivy.doc))
    // Both move shape:a without having seen the other's move: Yjs picks one winner.
    ivy.records.set('shape:a', box(2))
    cam.records.set('shape:a', box(3))
    ivy.records.set('shape:b', { ...box(5), id: 'shape:b' }) // the same value again
    ivy.records.delete('shape:b')
    ivy.records.set('shape:b', { ...box(7), id: 'shape:b' })
    const [created, ivyMove, again, removed, recreated] = ivy.updates
    const camMove = cam.updates.at(-1)
    // A later update logged before the one it builds on waits in Yjs until that one arrives.
    const late = writer(3)
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(ivy.doc))
    late.records.set('shape:c', { ...box(9), id: 'shape:c' })
    late.records.set('shape:c', { ...box(10), id: 'shape:c' })
    const [lateFirst, lateSecond] = late.updates.slice(-2)
    const entries = [created, ivyMove, camMove, again, removed, recreated, lateSecond, lateFirst]
    for (const [index, update] of entries.entries()) if (update) await log(10 * (index + 1), update)

    const { history, lastSeq } = await computeBoardHistory(store, SESSION, CREATED_AT)
    expect(lastSeq).toBe(entries.length)
    for (let t = 0; t <= 10 * entries.length + 5; t += 5) {
      const replayed = await boardRecordsAt(store, SESSION, CREATED_AT + t)
      expect(foldBoardHistory(history.changes, t), `at ${t}`).toEqual(replayed)
    }
    const at = (t: number) => history.changes.filter((change) => change.at === t)
    expect(at(10).map((change) => change.id)).toEqual(['page:page', 'shape:a', 'shape:b'])
    expect(at(20)).toEqual([{ at: 20, id: 'shape:a', patch: { x: 2 } }])
    const winner = await boardRecordsAt(store, SESSION, CREATED_AT + 30)
    expect(at(30)).toEqual(
      (winner['shape:a'] as { x: number }).x === 3 ? [{ at: 30, id: 'shape:a', patch: { x: 3 } }] : [],
    )
    expect(at(40)).toEqual([])
    expect(at(50)).toEqual([{ at: 50, id: 'shape:b', removed: true }])
    expect(at(60)).toEqual([{ at: 60, id: 'shape:b', record: { ...box(7), id: 'shape:b' } }])
    expect(at(70)).toEqual([])
    expect(at(80)).toEqual([{ at: 80, id: 'shape:c', record: { ...box(10), id: 'shape:c' } }])
  })

  it('goes on from an earlier history exactly as a whole replay does, from any point, with or without a snapshot', async () => {
    const store = newStore()
    const ivy = writer(1)
    const cam = writer(2)
    ivy.records.set('page:page', { id: 'page:page', typeName: 'page', name: 'Page 1' })
    ivy.records.set('shape:a', box(1))
    Y.applyUpdate(cam.doc, Y.encodeStateAsUpdate(ivy.doc))
    ivy.records.set('shape:a', box(2))
    cam.records.set('shape:a', box(3)) // concurrent with Ivy's move
    ivy.records.set('shape:b', { ...box(5), id: 'shape:b' })
    ivy.records.delete('shape:b')
    ivy.records.set('shape:a', box(4, 'moved'))
    const updates = [...ivy.updates.slice(0, 3), cam.updates.at(-1), ...ivy.updates.slice(3)]
    for (const [index, update] of updates.entries()) {
      if (update) await store.appendUpdate(KEY, update, { at: CREATED_AT + 10 * (index + 1), author: 'Ivy' })
    }
    const whole = await computeBoardHistory(store, SESSION, CREATED_AT)
    for (let seq = 1; seq < updates.length; seq++) {
      // The history as it was computed when the log ended at `seq`.
      const earlierStore = newStore()
      for (const logged of await store.readUpdates(KEY, 1, seq)) {
        await earlierStore.appendUpdate(KEY, logged.update, { at: logged.at, author: logged.author })
      }
      const earlier = await computeBoardHistory(earlierStore, SESSION, CREATED_AT)
      expect(
        await computeBoardHistory(store, SESSION, CREATED_AT, undefined, earlier),
        `from ${seq}`,
      ).toEqual(whole)
    }
    // A snapshot of the first three updates: the rebuild starts there.
    const three = new Y.Doc()
    for (const logged of await store.readUpdates(KEY, 1, 3)) Y.applyUpdate(three, logged.update)
    await store.writeSnapshot(KEY, { seq: 3, at: CREATED_AT + 30, state: Y.encodeStateAsUpdate(three) })
    const earlierStore = newStore()
    for (const logged of await store.readUpdates(KEY, 1, 4)) {
      await earlierStore.appendUpdate(KEY, logged.update, { at: logged.at, author: logged.author })
    }
    const earlier = await computeBoardHistory(earlierStore, SESSION, CREATED_AT)
    expect(await computeBoardHistory(store, SESSION, CREATED_AT, undefined, earlier)).toEqual(whole)
  })

  it('never lets `at` run backwards, even when the server clock did', async () => {
    const store = newStore()
    const ivy = writer(1)
    ivy.records.set('shape:a', box(1))
    ivy.records.set('shape:a', box(2))
    const [first, second] = ivy.updates
    if (!first || !second) throw new Error('two updates expected')
    await store.appendUpdate(KEY, first, { at: CREATED_AT + 50, author: 'Ivy' })
    await store.appendUpdate(KEY, second, { at: CREATED_AT + 40, author: 'Ivy' })
    const { history } = await computeBoardHistory(store, SESSION, CREATED_AT)
    expect(history.changes.map((change) => change.at)).toEqual([50, 50])
  })

  it('gives the event loop a turn while it replays a long log', async () => {
    const store = longLog()
    let done = false
    const computing = computeBoardHistory(store, SESSION, CREATED_AT).then((result) => {
      done = true
      return result
    })
    const doneWhenTheLoopTurned = await new Promise<boolean>((resolve) => setImmediate(() => resolve(done)))
    expect(doneWhenTheLoopTurned).toBe(false)
    expect((await computing).history.changes).toHaveLength(3_000)
  })

  it('stops at the next page once its signal is aborted, rejecting with the reason', async () => {
    const store = longLog()
    const stop = new AbortController()
    const computing = computeBoardHistory(store, SESSION, CREATED_AT, stop.signal)
    stop.abort(new Error('closing'))
    await expect(computing).rejects.toThrow('closing')
    await expect(computeBoardHistory(store, SESSION, CREATED_AT, stop.signal)).rejects.toThrow('closing')
  })
})
