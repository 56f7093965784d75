import { describe, expect, it } from 'vitest'
import { type BoardChange, foldBoardHistory } from './boardHistory'
import { BoardTimeline } from './boardTimeline'

const PAGE_ID = 'page:page'
const page = () => ({ id: PAGE_ID, typeName: 'page', name: 'Page 1' })
/** A shape record as far as the timeline cares: plain JSON with an id. */
const rectangle = (id: string, x = 0, y = 0, label = '') => ({
  id: `shape:${id}`,
  typeName: 'shape',
  x,
  y,
  props: { w: 160, h: 90, label },
})

const history: BoardChange[] = [
  { at: 0, id: PAGE_ID, record: page() },
  { at: 100, id: 'shape:a', record: rectangle('a') },
  { at: 200, id: 'shape:b', record: rectangle('b', 50) },
  { at: 200, id: 'shape:a', patch: { x: 10 } },
  { at: 200, id: 'shape:a', patch: { x: 20, y: 5 } },
  { at: 300, id: 'shape:a', removed: true },
  { at: 400, id: 'shape:a', record: rectangle('a', 70, 0, 'back') },
  { at: 500, id: 'shape:b', patch: { props: { ...rectangle('b').props, w: 300 } } },
]

describe('BoardTimeline', () => {
  it('gives at every moment the board the history folds to (what /board?at= answers)', () => {
    const timeline = BoardTimeline.fromChanges(history)
    for (const at of [0, 1, 99, 100, 150, 200, 250, 300, 399, 400, 500, 10_000]) {
      expect(timeline.recordsAt(at), `at ${at}`).toEqual(foldBoardHistory(history, at))
    }
    expect(timeline.lastChangeAt).toBe(500)
  })

  it('shares the keys a patch left alone with the version before', () => {
    const timeline = BoardTimeline.fromChanges(history)
    const before = timeline.recordsAt(150)['shape:a']
    const after = timeline.recordsAt(250)['shape:a']
    expect(after).toMatchObject({ x: 20, y: 5 })
    expect(after?.props).toBe(before?.props)
  })
})

describe('BoardCursor', () => {
  it('answers the whole board on the first move, then only what differs', () => {
    const cursor = BoardTimeline.fromChanges(history).cursor()
    const first = cursor.moveTo(250)
    expect(first.put.map((r) => r.id).sort()).toEqual([PAGE_ID, 'shape:a', 'shape:b'])
    expect(first.gone).toEqual([])
    expect(cursor.moveTo(260)).toEqual({ put: [], gone: [] })
    expect(cursor.moveTo(300)).toEqual({ put: [], gone: ['shape:a'] })
    const back = cursor.moveTo(120)
    expect(back.put).toEqual([expect.objectContaining({ id: 'shape:a', x: 0 })])
    expect(back.gone).toEqual(['shape:b'])
    expect(cursor.moveTo(0)).toEqual({ put: [], gone: ['shape:a'] })
  })

  it('moving through any moments always leaves the board of the last one', () => {
    const timeline = BoardTimeline.fromChanges(history)
    const cursor = timeline.cursor()
    const board = new Map<string, unknown>()
    for (const at of [500, 0, 250, 400, 120, 300, 300, 1_000, 200]) {
      const move = cursor.moveTo(at)
      for (const record of move.put) board.set(String(record.id), record)
      for (const id of move.gone) board.delete(id)
      expect(Object.fromEntries(board), `at ${at}`).toEqual(foldBoardHistory(history, at))
    }
  })
})
