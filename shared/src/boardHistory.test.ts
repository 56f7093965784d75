import { describe, expect, it } from 'vitest'
import {
  applyBoardChange,
  type BoardChange,
  type BoardRecords,
  boardHistorySchema,
  foldBoardHistory,
} from './boardHistory'

const box = { id: 'shape:a', typeName: 'shape', x: 0, y: 0, props: { w: 10 } }

const changes: BoardChange[] = [
  { at: 0, id: 'page:page', record: { id: 'page:page', typeName: 'page', name: 'Page 1' } },
  { at: 10, id: 'shape:a', record: box },
  { at: 20, id: 'shape:a', patch: { x: 5, props: { w: 20 } } },
  { at: 20, id: 'page:page', patch: {}, unset: ['name'] },
  { at: 30, id: 'shape:a', removed: true },
  { at: 40, id: 'shape:a', record: { ...box, x: 7 } },
]

describe('foldBoardHistory', () => {
  it('applies every change at or before the moment, in order', () => {
    expect(foldBoardHistory(changes, 0)).toEqual({
      'page:page': { id: 'page:page', typeName: 'page', name: 'Page 1' },
    })
    expect(foldBoardHistory(changes, 9)).toEqual(foldBoardHistory(changes, 0))
    expect(foldBoardHistory(changes, 10)['shape:a']).toEqual(box)
    expect(foldBoardHistory(changes, 25)).toEqual({
      'page:page': { id: 'page:page', typeName: 'page' },
      'shape:a': { ...box, x: 5, props: { w: 20 } },
    })
    expect(foldBoardHistory(changes, 30)).toEqual({ 'page:page': { id: 'page:page', typeName: 'page' } })
    expect(foldBoardHistory(changes, 1_000_000)['shape:a']).toEqual({ ...box, x: 7 })
  })

  it('is empty before the first change', () => {
    expect(foldBoardHistory([{ at: 5, id: 'shape:a', record: box }], 4)).toEqual({})
  })

  it('never modifies a record it handed out or the history itself', () => {
    const before = structuredClone(changes)
    const records: BoardRecords = {}
    applyBoardChange(records, changes[1] as BoardChange)
    const handedOut = records['shape:a']
    applyBoardChange(records, changes[2] as BoardChange)
    expect(handedOut).toEqual(box)
    expect(records['shape:a']).toEqual({ ...box, x: 5, props: { w: 20 } })
    expect(changes).toEqual(before)
  })
})

describe('boardHistorySchema', () => {
  it('accepts the three kinds of change and refuses a mix or an empty `unset`', () => {
    expect(boardHistorySchema.safeParse({ changes }).success).toBe(true)
    const bad = [
      { at: 1, id: 'shape:a', record: box, removed: true },
      { at: 1, id: 'shape:a', patch: {}, unset: [] },
      { at: 1, id: 'shape:a', removed: false },
      { at: -1, id: 'shape:a', removed: true },
    ]
    for (const change of bad) expect(boardHistorySchema.safeParse({ changes: [change] }).success).toBe(false)
  })
})
