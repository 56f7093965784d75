import { CameraRecordType, TLDOCUMENT_ID, type TLPageId, type TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { PAGE_ID, page, rectangle } from '../../../tests/support/records'
import { newBoardStore } from '../../../tests/support/tldrawStore'
import { applyBoardSnapshot, planBoardReplace } from './boardSnapshot'

function newStore(): TLStore {
  return newBoardStore([
    CameraRecordType.create({ id: CameraRecordType.createId(PAGE_ID), x: 10, y: 20, z: 2 }),
  ])
}

const shapeIds = (store: TLStore) =>
  store
    .allRecords()
    .filter((r) => r.typeName === 'shape')
    .map((r) => r.id)
    .sort()

describe('applyBoardSnapshot', () => {
  it('replaces the shapes, hiding (not removing) those gone, and keeps the camera', () => {
    const store = newStore()
    applyBoardSnapshot(store, {
      [PAGE_ID]: page(),
      'shape:a': rectangle('a'),
      'shape:b': rectangle('b', 200),
    })
    expect(shapeIds(store)).toEqual(['shape:a', 'shape:b'])
    const applied = applyBoardSnapshot(store, {
      [PAGE_ID]: page(),
      'shape:b': rectangle('b', 300),
      'shape:c': rectangle('c'),
    })
    expect(shapeIds(store)).toEqual(['shape:a', 'shape:b', 'shape:c'])
    expect([...applied.hidden]).toEqual(['shape:a'])
    const back = applyBoardSnapshot(store, { [PAGE_ID]: page(), 'shape:a': rectangle('a', 5) })
    expect([...back.hidden].sort()).toEqual(['shape:b', 'shape:c'])
    expect(store.get('shape:a' as never)).toMatchObject({ x: 5 })
    expect(store.get('shape:b' as never)).toMatchObject({ x: 300 })
    expect(store.get(CameraRecordType.createId(PAGE_ID))).toMatchObject({ x: 10, y: 20, z: 2 })
  })

  it('keeps the document and the page when the board was still empty', () => {
    const store = newStore()
    applyBoardSnapshot(store, { 'shape:a': rectangle('a') })
    expect([...applyBoardSnapshot(store, {}).hidden]).toEqual(['shape:a'])
    expect(store.get(TLDOCUMENT_ID)).toBeDefined()
    expect(store.get(PAGE_ID as TLPageId)).toBeDefined()
  })

  it('applies as a remote change, outside the undo history and user listeners', () => {
    const store = newStore()
    const sources: string[] = []
    store.listen((entry) => sources.push(entry.source), { scope: 'document' })
    applyBoardSnapshot(store, { [PAGE_ID]: page(), 'shape:a': rectangle('a') })
    expect(sources).toEqual(['remote'])
  })

  it('skips a record the schema refuses and shows the rest', () => {
    const store = newStore()
    const broken = { ...rectangle('bad'), props: { geo: 'rectangle' } }
    const { refused } = applyBoardSnapshot(store, {
      [PAGE_ID]: page(),
      'shape:a': rectangle('a'),
      'shape:bad': broken,
    })
    expect(refused.map((r) => r.id)).toEqual(['shape:bad'])
    expect(shapeIds(store)).toEqual(['shape:a'])
  })
})

describe('planBoardReplace', () => {
  it('writes nothing again that did not change', () => {
    const store = newStore()
    const snapshot = { [PAGE_ID]: page(), 'shape:a': rectangle('a') }
    applyBoardSnapshot(store, snapshot)
    expect(planBoardReplace(store.allRecords(), snapshot)).toEqual({
      put: [],
      remove: [],
      hidden: new Set(),
      refused: [],
    })
  })

  it('ignores what is not a board record', () => {
    const plan = planBoardReplace([], { 'camera:x': { id: 'camera:x', typeName: 'camera' }, junk: 3 })
    expect(plan).toEqual({ put: [], remove: [], hidden: new Set(), refused: [] })
  })

  it('writes pages before the shapes on them', () => {
    const plan = planBoardReplace([], { 'shape:a': rectangle('a'), [PAGE_ID]: page() })
    expect(plan.put.map((r) => r.typeName)).toEqual(['page', 'shape'])
  })
})

describe('showing a moment where a shape only moved', () => {
  it('keeps its props object, so tldraw keeps its measured geometry', () => {
    const store = newStore()
    applyBoardSnapshot(store, { [PAGE_ID]: page(), 'shape:a': rectangle('a', 0, 0, 'label') })
    const shapeA = () => store.get('shape:a' as never) as unknown as { x: number; props: object }
    const propsBefore = shapeA().props
    applyBoardSnapshot(store, { [PAGE_ID]: page(), 'shape:a': rectangle('a', 90, 40, 'label') })
    const after = shapeA()
    expect(after.x).toBe(90)
    expect(after.props).toBe(propsBefore)
    applyBoardSnapshot(store, { [PAGE_ID]: page(), 'shape:a': rectangle('a', 90, 40, 'renamed') })
    expect(shapeA().props).not.toBe(propsBefore)
  })
})

describe('applyBoardSnapshot from the review moment (a map of records)', () => {
  const boardOf = (...records: Array<Record<string, unknown>>) =>
    new Map(records.map((record) => [String(record.id), record]))
  const startBoard = (store: TLStore) =>
    applyBoardSnapshot(store, boardOf(page(), rectangle('a'), rectangle('b', 9)))

  it('writes the records that changed, hides the shapes gone and keeps the camera', () => {
    const store = newStore()
    startBoard(store)
    const applied = applyBoardSnapshot(store, boardOf(page(), rectangle('a', 40), rectangle('c')))
    expect(applied).toEqual({ refused: [], hidden: new Set(['shape:b']) })
    expect(shapeIds(store)).toEqual(['shape:a', 'shape:b', 'shape:c'])
    expect(store.get('shape:a' as never)).toMatchObject({ x: 40 })
    expect(store.get(CameraRecordType.createId(PAGE_ID))).toMatchObject({ x: 10, y: 20, z: 2 })
  })

  it('writes nothing for records that did not change, and a change as a remote one', () => {
    const store = newStore()
    startBoard(store)
    const sources: string[] = []
    store.listen((entry) => sources.push(entry.source), { scope: 'document' })
    applyBoardSnapshot(store, boardOf(page(), rectangle('a'), rectangle('b', 9)))
    expect(sources).toEqual([])
    applyBoardSnapshot(store, boardOf(page(), rectangle('a', 1), rectangle('b', 9)))
    expect(sources).toEqual(['remote'])
  })

  it('skips a record the schema refuses, hiding the shape it would have changed', () => {
    const store = newStore()
    startBoard(store)
    const broken = { ...rectangle('a'), props: { geo: 'rectangle' } }
    const applied = applyBoardSnapshot(store, boardOf(page(), broken, rectangle('b', 30)))
    expect(applied.refused.map((r) => r.id)).toEqual(['shape:a'])
    expect([...applied.hidden]).toEqual(['shape:a'])
    expect(store.get('shape:b' as never)).toMatchObject({ x: 30 })
  })
})

describe('the review canvas gets a sound board', () => {
  it('R29 never hands tldraw a loop, an orphan or a record out of bounds, and shows the rest', () => {
    const store = newStore()
    const { refused } = applyBoardSnapshot(store, {
      [PAGE_ID]: page(),
      'shape:a': { ...rectangle('a'), parentId: 'shape:b' },
      'shape:b': { ...rectangle('b'), parentId: 'shape:a' },
      'shape:self': { ...rectangle('self'), parentId: 'shape:self' },
      'shape:orphan': { ...rectangle('orphan'), parentId: 'shape:gone' },
      'shape:long': rectangle('long', 0, 0, 'x'.repeat(5_000_000)),
      'shape:nan': { ...rectangle('nan'), x: Number.NaN },
      'shape:huge': { ...rectangle('huge'), y: 1e300 },
      'shape:ok': rectangle('ok'),
    })
    expect(refused.map((r) => r.id).sort()).toEqual(['shape:huge', 'shape:long', 'shape:nan'])
    expect(shapeIds(store)).toEqual(['shape:a', 'shape:b', 'shape:ok', 'shape:orphan', 'shape:self'])
    for (const id of shapeIds(store)) {
      let steps = 0
      let at = store.get(id as never) as { parentId: string } | undefined
      while (at && at.parentId !== PAGE_ID && steps < 10) {
        at = store.get(at.parentId as never)
        steps++
      }
      expect(at?.parentId, `${id} reaches the page`).toBe(PAGE_ID)
    }
  })
})
