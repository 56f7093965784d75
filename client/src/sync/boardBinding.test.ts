import { DEFAULT_LIMITS } from '@tradeoff/shared/limits'
import { createShapeId, type TLRecord, type TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PAGE_ID, rectangle } from '../../../tests/support/records'
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

describe('board binding protects tldraw from an unsound board', () => {
  /** A bound store and its document; records set on `records` arrive as remote changes. */
  function bound(limits = DEFAULT_LIMITS) {
    const doc = new Y.Doc()
    const store = newStore()
    const skipped: SkippedRecord[] = []
    bindBoard(store, doc, { onSkippedRecord: (s) => skipped.push(s), limits })
    const records = doc.getMap<unknown>('records')
    const parentOf = (id: string) =>
      (store.get(id as TLRecord['id']) as { parentId?: string } | undefined)?.parentId
    return { doc, store, records, skipped, parentOf }
  }
  const frame = (id: string, parentId = PAGE_ID) => ({
    ...rectangle(id),
    type: 'frame',
    parentId,
    props: { w: 300, h: 200, name: '', color: 'black' },
  })
  const child = (id: string, parentId: string) => ({ ...rectangle(id), parentId })
  const arrowBinding = (id: string, fromId: string, toId: string) => ({
    id: `binding:${id}`,
    typeName: 'binding',
    type: 'arrow',
    fromId,
    toId,
    meta: {},
    props: {
      terminal: 'end',
      normalizedAnchor: { x: 0.5, y: 0.5 },
      isExact: false,
      isPrecise: false,
      snap: 'none',
    },
  })
  const depthOf = (store: TLStore, id: string) => {
    let depth = 0
    for (let at = store.get(id as TLRecord['id']); at?.typeName === 'shape'; at = store.get(at.parentId))
      depth++
    return depth
  }

  it('R29 a cycle a→b→a reaches tldraw with one link broken: one shape on the page, the other under it', () => {
    const { doc, records, parentOf } = bound()
    doc.transact(() => {
      records.set('shape:a', frame('a', 'shape:b'))
      records.set('shape:b', frame('b', 'shape:a'))
    })
    const onPage = ['shape:a', 'shape:b'].filter((id) => parentOf(id) === PAGE_ID)
    expect(onPage).toHaveLength(1)
    const other = onPage[0] === 'shape:a' ? 'shape:b' : 'shape:a'
    expect(parentOf(other)).toBe(onPage[0])
  })

  it('R29 a self-parented shape and an orphan are shown on the page; the orphan goes back under its frame once it arrives', () => {
    const { records, parentOf, store } = bound()
    records.set('shape:self', child('self', 'shape:self'))
    records.set('shape:orphan', child('orphan', 'shape:later'))
    expect(parentOf('shape:self')).toBe(PAGE_ID)
    expect(parentOf('shape:orphan')).toBe(PAGE_ID)
    // A move of the orphan keeps it where it is shown.
    records.set('shape:orphan', { ...child('orphan', 'shape:later'), x: 70 })
    expect(store.get('shape:orphan' as TLRecord['id'])).toMatchObject({ x: 70, parentId: PAGE_ID })
    records.set('shape:later', frame('later'))
    expect(parentOf('shape:orphan')).toBe('shape:later')
  })

  it('R29 a frame deleted under its children (two honest edits merged) leaves them on the page and drops its bindings', () => {
    const { doc, records, parentOf, store } = bound()
    doc.transact(() => {
      records.set('shape:f', frame('f'))
      records.set('shape:a', child('a', 'shape:f'))
      records.set('binding:ba', arrowBinding('ba', 'shape:a', 'shape:f'))
    })
    expect(store.get('binding:ba' as TLRecord['id'])).toBeDefined()
    records.delete('shape:f')
    expect(parentOf('shape:a')).toBe(PAGE_ID)
    expect(store.get('binding:ba' as TLRecord['id'])).toBeUndefined()
  })

  it('R29 a 1,000-deep chain of shapes reaches tldraw no deeper than the nesting bound', () => {
    const { doc, records, store } = bound()
    doc.transact(() => {
      for (let i = 0; i < 1_000; i++)
        records.set(`shape:d${i}`, child(`d${i}`, i === 0 ? PAGE_ID : `shape:d${i - 1}`))
    })
    expect(store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(1_000)
    for (const i of [0, 99, 100, 500, 999])
      expect(depthOf(store, `shape:d${i}`)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxShapeNesting)
  })

  it('R29 records out of bounds (10,000-deep meta, a 5 MB string, NaN and 1e300 coordinates) are skipped, the rest kept', () => {
    const { doc, records, skipped, store } = bound()
    let deep: unknown = {}
    for (let level = 0; level < 10_000; level++) deep = { deep }
    doc.transact(() => {
      records.set('shape:deep', { ...rectangle('deep'), meta: { deep } })
      records.set('shape:long', rectangle('long', 0, 0, 'x'.repeat(5_000_000)))
      records.set('shape:nan', { ...rectangle('nan'), x: Number.NaN })
      records.set('shape:huge', { ...rectangle('huge'), y: 1e300 })
      records.set('shape:fine', rectangle('fine'))
    })
    expect(skipped.map((s) => s.id).sort()).toEqual(['shape:deep', 'shape:huge', 'shape:long', 'shape:nan'])
    expect(store.get('shape:fine' as TLRecord['id'])).toBeDefined()
    // A later out-of-bounds edit of a shown shape is skipped too: tldraw keeps the last good one.
    records.set('shape:fine', { ...rectangle('fine'), x: Number.POSITIVE_INFINITY })
    expect(store.get('shape:fine' as TLRecord['id'])).toMatchObject({ x: 0 })
  })

  it('R29 a shape shown on the page goes back to the document there once someone edits it', () => {
    const { records, store } = bound()
    records.set('shape:orphan', child('orphan', 'shape:gone'))
    const shown = store.get('shape:orphan' as TLRecord['id'])
    if (!shown) throw new Error('not shown')
    store.put([{ ...shown, x: 5 } as TLRecord])
    expect(records.get('shape:orphan')).toMatchObject({ x: 5, parentId: PAGE_ID })
  })
})
