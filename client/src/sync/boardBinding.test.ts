import { createShapeId, type TLRecord, type TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { rectangle } from '../../../tests/support/records'
import { newBoardStore } from '../../../tests/support/tldrawStore'
import { bindBoard, type SkippedRecord } from './boardBinding'

const newStore = () => newBoardStore()

/** Two stores bound to two docs wired directly together, as two tabs through a server. */
function pair() {
  const docA = new Y.Doc()
  const docB = new Y.Doc()
  docA.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(docB, u, 'wire'))
  docB.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(docA, u, 'wire'))
  const storeA = newStore()
  const storeB = newStore()
  bindBoard(storeA, docA)
  bindBoard(storeB, docB)
  return { docA, docB, storeA, storeB }
}

function validShape(_store: TLStore, id: string, x = 10): TLRecord {
  return rectangle(id, x, 20) as unknown as TLRecord
}

describe('board binding', () => {
  it('sends local adds, updates and deletes to the document', () => {
    const doc = new Y.Doc()
    const store = newStore()
    bindBoard(store, doc)
    const records = doc.getMap<TLRecord>('records')
    const shape = validShape(store, 'a')
    store.put([shape])
    expect(records.get(shape.id)).toMatchObject({ id: shape.id, x: 10 })
    store.put([{ ...shape, x: 99 } as TLRecord])
    expect(records.get(shape.id)).toMatchObject({ x: 99 })
    store.remove([shape.id])
    expect(records.has(shape.id)).toBe(false)
  })

  it('applies remote adds, updates and deletes to the store', () => {
    const { storeA, storeB } = pair()
    const shape = validShape(storeA, 'b')
    storeA.put([shape])
    expect(storeB.get(shape.id)).toMatchObject({ x: 10 })
    storeA.put([{ ...shape, x: 42 } as TLRecord])
    expect(storeB.get(shape.id)).toMatchObject({ x: 42 })
    storeA.remove([shape.id])
    expect(storeB.get(shape.id)).toBeUndefined()
  })

  it('does not echo remote changes back into the document', () => {
    const { docA, docB, storeA } = pair()
    let transactionsOnB = 0
    docB.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin !== 'wire') transactionsOnB++
    })
    storeA.put([validShape(storeA, 'c')])
    expect(transactionsOnB).toBe(0)
    expect(docA.getMap('records').size).toBe(docB.getMap('records').size)
  })

  it('keeps remote changes out of the local undo stack', () => {
    const { storeA, storeB } = pair()
    // The history manager records only changes with source "user"; remote ones come in as "remote".
    const sources: string[] = []
    storeB.listen((entry) => sources.push(entry.source), { scope: 'document' })
    storeA.put([validShape(storeA, 'd')])
    expect(sources).toEqual(['remote'])
  })

  it('skips a remote record the schema rejects and keeps syncing the rest', () => {
    const docA = new Y.Doc()
    const store = newStore()
    const skipped: SkippedRecord[] = []
    bindBoard(store, docA, { onSkippedRecord: (s) => skipped.push(s) })
    const records = docA.getMap('records')
    const good = validShape(store, 'good')
    records.set('shape:bad', { ...validShape(store, 'bad'), id: 'shape:bad', props: { nonsense: true } })
    records.set(good.id, good)
    expect(skipped.map((s) => s.id)).toEqual(['shape:bad'])
    expect(store.get(good.id)).toBeDefined()
    expect(store.get('shape:bad' as TLRecord['id'])).toBeUndefined()
    records.set(good.id, { ...good, x: 7 })
    expect(store.get(good.id)).toMatchObject({ x: 7 })
  })

  it('takes the document over the store on start, and seeds an empty document', () => {
    const seededDoc = new Y.Doc()
    const first = newStore()
    bindBoard(first, seededDoc)
    const page = first.allRecords().find((r) => r.typeName === 'page')
    expect(seededDoc.getMap('records').get(page?.id ?? '')).toBeDefined()
    first.put([validShape(first, 'e')])
    const second = newStore()
    bindBoard(second, seededDoc)
    expect(second.get(createShapeId('e'))).toBeDefined()
  })
})
