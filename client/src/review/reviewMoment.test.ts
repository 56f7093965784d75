import type { BoardChange, BoardHistory } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { PAGE_ID, page, rectangle } from '../../../tests/support/records'
import type { BoardAt } from '../api/recording'
import { createReviewMoment, type ReviewMomentOptions } from './reviewMoment'
import { createReviewStore } from './reviewStore'

const settle = () => new Promise((resolve) => setTimeout(resolve, 5))

/** A promise the test resolves when it says so. */
function later<T>() {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

// A board drawn over 3 s: a at 1 s, b at 2 s, a moved at 3 s.
const changes: BoardChange[] = [
  { at: 0, id: PAGE_ID, record: page() },
  { at: 1000, id: 'shape:a', record: rectangle('a', 0) },
  { at: 2000, id: 'shape:b', record: rectangle('b', 50) },
  { at: 3000, id: 'shape:a', patch: { x: 99 } },
]
const finalBoard = { [PAGE_ID]: page(), 'shape:a': rectangle('a', 99), 'shape:b': rectangle('b', 50) }

function setup(overrides: Partial<ReviewMomentOptions> = {}) {
  const review = createReviewStore(3000)
  const history = later<BoardHistory>()
  const loads: number[] = []
  const notices: Array<string | null> = []
  const moment = createReviewMoment({
    review,
    initialBoard: Promise.resolve<BoardAt>({ at: 3000, records: finalBoard }),
    loadBoard: async (at) => {
      loads.push(at)
      return { at, records: at < 2000 ? { [PAGE_ID]: page(), 'shape:a': rectangle('a', 0) } : finalBoard }
    },
    loadHistory: () => history.promise,
    onNotice: (notice) => notices.push(notice),
    ...overrides,
  })
  const seen: Array<{ at: number; ids: string[] }> = []
  moment.subscribe((m) => seen.push({ at: m.at, ids: [...m.records.keys()].sort() }))
  return { review, history, loads, notices, moment, seen }
}

const xOf = (records: ReadonlyMap<string, unknown> | undefined, id: string) =>
  (records?.get(id) as { x?: number } | undefined)?.x

describe('createReviewMoment', () => {
  it('holds the latest board first, then asks the server per moment until the history is in', async () => {
    const { review, loads, moment, seen } = setup()
    await settle()
    expect(seen).toEqual([{ at: 3000, ids: [PAGE_ID, 'shape:a', 'shape:b'] }])
    expect(moment.fromHistory()).toBe(false)
    review.getState().seek(1500)
    await settle()
    expect(loads).toEqual([1500])
    expect(moment.current()?.at).toBe(1500)
    expect([...(moment.current()?.records.keys() ?? [])].sort()).toEqual([PAGE_ID, 'shape:a'])
    moment.dispose()
  })

  it('answers every moment from the history once it is in, with no request, updating the same map', async () => {
    const { review, history, loads, moment, seen } = setup()
    await settle()
    history.resolve({ changes })
    await settle()
    // Not read until the screen says so (once its first board is on screen).
    expect(moment.fromHistory()).toBe(false)
    moment.readHistory()
    await settle()
    expect(moment.fromHistory()).toBe(true)
    expect(review.getState().boardSource).toBe('history')
    const map = moment.current()?.records
    for (const [at, ids, x] of [
      [500, [PAGE_ID], undefined],
      [1000, [PAGE_ID, 'shape:a'], 0],
      [2500, [PAGE_ID, 'shape:a', 'shape:b'], 0],
      [3000, [PAGE_ID, 'shape:a', 'shape:b'], 99],
    ] as const) {
      review.getState().seek(at)
      expect(moment.current()?.at).toBe(at)
      expect([...(moment.current()?.records.keys() ?? [])].sort()).toEqual(ids)
      expect(xOf(moment.current()?.records, 'shape:a')).toBe(x)
    }
    expect(moment.current()?.records).toBe(map)
    expect(loads).toEqual([])
    // Versions grow with every board held, so a drawing can tell it is behind.
    const versions = seen.length
    review.getState().seek(100)
    expect(seen.length).toBe(versions + 1)
    expect(moment.current()?.version).toBe(versions + 1)
    moment.dispose()
  })

  it('waits for what must be ready before the first board, and says when a board cannot be loaded', async () => {
    const fonts = later<void>()
    const { review, moment, seen, notices } = setup({
      beforeFirst: () => fonts.promise,
      loadBoard: () => Promise.reject(new Error('offline')),
    })
    await settle()
    expect(seen).toEqual([])
    fonts.resolve()
    await settle()
    expect(seen.map((s) => s.at)).toEqual([3000])
    review.getState().seek(1200)
    await settle()
    expect(notices.at(-1)).toMatch(/could not be loaded.*offline/)
    moment.dispose()
  })

  it('tells nothing more once disposed', async () => {
    const { review, history, moment, seen } = setup()
    await settle()
    moment.readHistory()
    moment.dispose()
    history.resolve({ changes })
    review.getState().seek(1000)
    await settle()
    expect(seen.map((s) => s.at)).toEqual([3000])
  })
})
