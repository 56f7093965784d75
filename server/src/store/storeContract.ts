import { expect, it } from 'vitest'
import type { DocKey, Store } from './Store'

/**
 * The behaviour every Store adapter must have. Call inside a `describe` with a factory that gives
 * a fresh, empty store (and a way to reopen the same data, to check durability).
 */
export function storeContract(open: () => { store: Store; reopen: () => Store }): void {
  const key: DocKey = { sessionId: 'contract-session', doc: 'board' }
  const bytes = (...values: number[]) => new Uint8Array(values)

  it('S1 numbers appended updates from 1 without gaps and reads them back in order', async () => {
    const { store } = open()
    expect(await store.appendUpdate(key, bytes(1), { at: 10, author: 'ann' })).toBe(1)
    expect(await store.appendUpdate(key, bytes(2, 2), { at: 20, author: 'bob' })).toBe(2)
    const read = await store.readUpdates(key, 1)
    expect(read.map((u) => [u.seq, u.at, u.author, [...u.update]])).toEqual([
      [1, 10, 'ann', [1]],
      [2, 20, 'bob', [2, 2]],
    ])
    await store.close()
  })

  it('S2 keeps documents and sessions apart', async () => {
    const { store } = open()
    await store.appendUpdate(key, bytes(1), { at: 1, author: 'a' })
    await store.appendUpdate({ ...key, doc: 'panel' }, bytes(9), { at: 1, author: 'a' })
    await store.appendUpdate({ ...key, sessionId: 'other-session' }, bytes(8), { at: 1, author: 'a' })
    expect((await store.loadDoc(key)).updates.map((u) => [...u.update])).toEqual([[1]])
    expect((await store.loadDoc({ ...key, doc: 'panel' })).updates.map((u) => [...u.update])).toEqual([[9]])
    await store.close()
  })

  it('S3 loads the newest snapshot plus only the updates after it, and keeps the whole log', async () => {
    const { store } = open()
    for (let i = 1; i <= 5; i++) await store.appendUpdate(key, bytes(i), { at: i, author: 'a' })
    await store.writeSnapshot(key, { seq: 2, at: 2, state: bytes(100) })
    await store.writeSnapshot(key, { seq: 4, at: 4, state: bytes(200) })
    const loaded = await store.loadDoc(key)
    expect(loaded.snapshot && [...loaded.snapshot.state]).toEqual([200])
    expect(loaded.updates.map((u) => u.seq)).toEqual([5])
    expect((await store.readUpdates(key, 1, 3)).map((u) => u.seq)).toEqual([1, 2, 3])
    await store.close()
  })

  it('S4 what was appended is there after reopening', async () => {
    const { store, reopen } = open()
    await store.appendUpdate(key, bytes(7), { at: 7, author: 'a' })
    await store.close()
    const again = reopen()
    expect((await again.loadDoc(key)).updates.map((u) => [...u.update])).toEqual([[7]])
    expect(await again.appendUpdate(key, bytes(8), { at: 8, author: 'a' })).toBe(2)
    await again.close()
  })

  it('S6 finds the snapshot and the updates of any moment', async () => {
    const { store } = open()
    for (let i = 1; i <= 6; i++) await store.appendUpdate(key, bytes(i), { at: i * 100, author: 'a' })
    await store.writeSnapshot(key, { seq: 2, at: 250, state: bytes(20) })
    await store.writeSnapshot(key, { seq: 4, at: 450, state: bytes(40) })
    expect(await store.snapshotAtOrBefore(key, 100)).toBeNull()
    expect((await store.snapshotAtOrBefore(key, 449))?.seq).toBe(2)
    expect((await store.snapshotAtOrBefore(key, 10_000))?.seq).toBe(4)
    expect((await store.readUpdatesUntil(key, 2, 350)).map((u) => u.seq)).toEqual([3])
    expect((await store.readUpdatesUntil(key, 4, 10_000)).map((u) => u.seq)).toEqual([5, 6])
    await store.close()
  })

  it('S5 an unknown document loads empty', async () => {
    const { store } = open()
    expect(await store.loadDoc({ sessionId: 'never-written', doc: 'board' })).toEqual({
      snapshot: null,
      updates: [],
    })
    await store.close()
  })
}
