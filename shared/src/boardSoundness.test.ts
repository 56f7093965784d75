import { describe, expect, it } from 'vitest'
import {
  type BoardChangeView,
  type BoardNow,
  boardChangeProblem,
  boardRepairs,
  soundBoard,
} from './boardSoundness'
import { DEFAULT_LIMITS } from './limits'

type Json = Record<string, unknown>

const page = (id = 'page:p', index = 'a1'): Json => ({ id, typeName: 'page', index, name: id, meta: {} })
const shape = (id: string, parentId = 'page:p', x = 0): Json => ({
  id,
  typeName: 'shape',
  type: 'geo',
  parentId,
  x,
  y: 0,
  props: {},
  meta: {},
})
const binding = (id: string, fromId: string, toId: string): Json => ({
  id,
  typeName: 'binding',
  type: 'arrow',
  fromId,
  toId,
  props: {},
  meta: {},
})

/**
 * A board view over plain maps: the records before, the update's writes and deletes, and the ids
 * deleted earlier (`gone`).
 */
function change(before: Json[], writes: Json[], deletes: string[] = [], gone: string[] = []) {
  const old = new Map(before.map((r) => [String(r.id), r]))
  const written = new Map(writes.map((r) => [String(r.id), r]))
  const deleted = new Set(deletes)
  const after = (id: string) =>
    written.has(id) ? written.get(id) : deleted.has(id) ? undefined : old.get(id)
  const view: BoardChangeView = {
    record: after,
    recordBefore: (id) => old.get(id),
    referrersBefore: (id) =>
      [...old.values()]
        .filter((r) => r.parentId === id || r.fromId === id || r.toId === id)
        .map((r) => String(r.id)),
    hasPages: () => [...old.keys(), ...written.keys()].some((id) => after(id)?.typeName === 'page'),
    wasDeleted: (id) => gone.includes(id) || deleted.has(id),
  }
  return boardChangeProblem(view, { written: written.keys(), deleted }, { maxShapeNesting: 5 })
}

describe('board change soundness', () => {
  it('accepts shapes on a page, in a frame, and frames arriving with their children', () => {
    expect(change([page()], [shape('shape:a')])).toBeNull()
    expect(change([page(), shape('shape:f')], [shape('shape:a', 'shape:f')])).toBeNull()
    expect(change([page()], [shape('shape:a', 'shape:f'), shape('shape:f')])).toBeNull()
  })

  it('refuses a self-parented shape and a cycle through the update', () => {
    expect(change([page()], [shape('shape:a', 'shape:a')])).toMatch(/own ancestor/)
    expect(
      change([page(), shape('shape:a'), shape('shape:b', 'shape:a')], [shape('shape:a', 'shape:b')]),
    ).toMatch(/own ancestor/)
  })

  it('refuses a parent that is not on the board', () => {
    expect(change([page()], [shape('shape:a', 'shape:gone')])).toMatch(/not a page or a shape/)
    expect(change([page()], [shape('shape:a', 'page:other')])).toMatch(/not a page or a shape/)
    expect(
      change([page(), binding('binding:x', 'shape:x', 'shape:y')], [shape('shape:a', 'binding:x')]),
    ).toMatch(/not a page or a shape/)
  })

  it('lets a shape sit on an absent page only while the board has no page', () => {
    expect(change([], [shape('shape:a', 'page:page')])).toBeNull()
  })

  it('refuses nesting past the bound, also when a subtree moves under another', () => {
    const chain = (prefix: string, length: number, root = 'page:p') =>
      Array.from({ length }, (_, i) =>
        shape(`shape:${prefix}${i}`, i === 0 ? root : `shape:${prefix}${i - 1}`),
      )
    expect(change([page()], chain('a', 5))).toBeNull()
    expect(change([page()], chain('a', 6))).toMatch(/deeper than 5/)
    // Two chains of 3: the second's root moved under the first's tail puts its tail at depth 6.
    const board = [page(), ...chain('a', 3), ...chain('b', 3)]
    expect(change(board, [shape('shape:b0', 'shape:a2')])).toMatch(/deeper than 5/)
    expect(change(board, [shape('shape:b0', 'shape:a1')])).toBeNull()
  })

  it('refuses a binding to a shape that never was on the board; one deleted meanwhile is a race', () => {
    const board = [page(), shape('shape:a'), shape('shape:b')]
    expect(change(board, [binding('binding:1', 'shape:a', 'shape:b')])).toBeNull()
    expect(change(board, [binding('binding:1', 'shape:a', 'shape:never')])).toMatch(/binding/)
    expect(change(board, [binding('binding:1', 'shape:a', 'shape:gone')], [], ['shape:gone'])).toBeNull()
  })

  it('lets a shape go to a parent deleted meanwhile (a race the server repairs), never to one that never was', () => {
    const board = [page(), shape('shape:a')]
    expect(change(board, [shape('shape:a', 'shape:never')])).toMatch(/parent/)
    expect(change(board, [shape('shape:a', 'shape:frame')], [], ['shape:frame'])).toBeNull()
  })

  it('accepts deleting what others still point at: the repair moves or removes them', () => {
    const board = [
      page(),
      shape('shape:f'),
      shape('shape:a', 'shape:f'),
      binding('binding:1', 'shape:a', 'shape:f'),
    ]
    expect(change(board, [], ['shape:f'])).toBeNull()
  })
})

describe('repairs after a race', () => {
  const now = (records: Json[]): BoardNow => {
    const byId = new Map(records.map((r) => [String(r.id), r]))
    return {
      record: (id) => byId.get(id),
      referrersOf: (id) =>
        records.filter((r) => r.parentId === id || r.fromId === id || r.toId === id).map((r) => String(r.id)),
      firstPage: () => 'page:p',
    }
  }

  it('puts a shape whose frame is gone on the first page and removes a binding whose end is gone', () => {
    const board = [page(), shape('shape:a', 'shape:f'), binding('binding:1', 'shape:a', 'shape:f')]
    const repairs = boardRepairs(now(board), ['shape:f'])
    expect(repairs.write).toEqual([{ ...shape('shape:a', 'shape:f'), parentId: 'page:p' }])
    expect(repairs.remove).toEqual(['binding:1'])
  })

  it('leaves a sound board alone', () => {
    const board = [
      page(),
      shape('shape:f'),
      shape('shape:a', 'shape:f'),
      binding('binding:1', 'shape:a', 'shape:f'),
    ]
    expect(boardRepairs(now(board), ['shape:a', 'binding:1', 'shape:f'])).toEqual({ write: [], remove: [] })
  })
})

describe('a sound board for tldraw', () => {
  const ids = (records: Map<string, Json>) => [...records.keys()].sort()

  it('keeps a sound board as it is, the same objects', () => {
    const board = [
      page(),
      shape('shape:f'),
      shape('shape:a', 'shape:f'),
      binding('binding:1', 'shape:a', 'shape:f'),
    ]
    const sound = soundBoard(board, DEFAULT_LIMITS)
    expect(sound.moved).toEqual([])
    expect(sound.skipped).toEqual([])
    for (const record of board) expect(sound.records.get(String(record.id))).toBe(record)
  })

  it('moves one shape of a cycle a→b→a to the page and keeps the other under it', () => {
    const sound = soundBoard(
      [page(), shape('shape:a', 'shape:b'), shape('shape:b', 'shape:a')],
      DEFAULT_LIMITS,
    )
    expect(sound.moved).toHaveLength(1)
    const movedId = sound.moved[0]?.id
    const keptId = movedId === 'shape:a' ? 'shape:b' : 'shape:a'
    expect(sound.records.get(String(movedId))?.parentId).toBe('page:p')
    expect(sound.records.get(keptId)?.parentId).toBe(movedId)
  })

  it('moves a self-parented shape and an orphan to the first page', () => {
    const sound = soundBoard(
      [
        page('page:b', 'a2'),
        page('page:a', 'a1'),
        shape('shape:self', 'shape:self'),
        shape('shape:o', 'shape:gone'),
      ],
      DEFAULT_LIMITS,
    )
    expect(sound.records.get('shape:self')?.parentId).toBe('page:a')
    expect(sound.records.get('shape:o')?.parentId).toBe('page:a')
    expect(sound.moved.map((m) => m.id).sort()).toEqual(['shape:o', 'shape:self'])
  })

  it('breaks a 10,000-deep chain of shapes into pieces within the bound', () => {
    const board: Json[] = [page()]
    for (let i = 0; i < 10_000; i++) board.push(shape(`shape:${i}`, i === 0 ? 'page:p' : `shape:${i - 1}`))
    const sound = soundBoard(board, { ...DEFAULT_LIMITS, maxShapeNesting: 100 })
    expect(sound.records.size).toBe(10_001)
    const depthOf = (id: string): number => {
      let depth = 0
      for (
        let at = sound.records.get(id);
        at?.typeName === 'shape';
        at = sound.records.get(String(at.parentId))
      )
        depth++
      return depth
    }
    expect(
      Math.max(...[0, 99, 100, 101, 5_000, 9_999].map((i) => depthOf(`shape:${i}`))),
    ).toBeLessThanOrEqual(100)
  })

  it('skips records out of bounds (deep JSON, 5 MB strings, NaN or 1e300 numbers) and keeps the rest', () => {
    let deep: unknown = {}
    for (let i = 0; i < 10_000; i++) deep = { deep }
    const board = [
      page(),
      shape('shape:ok'),
      { ...shape('shape:deep'), meta: { deep } },
      { ...shape('shape:long'), props: { text: 'x'.repeat(5_000_000) } },
      shape('shape:nan', 'page:p', Number.NaN),
      shape('shape:huge', 'page:p', 1e300),
    ]
    const sound = soundBoard(board, DEFAULT_LIMITS)
    expect(ids(sound.records)).toEqual(['page:p', 'shape:ok'])
    expect(sound.skipped.map((s) => s.id).sort()).toEqual([
      'shape:deep',
      'shape:huge',
      'shape:long',
      'shape:nan',
    ])
  })

  it('skips bindings to shapes not shown, and shapes of a skipped parent follow it to the page', () => {
    const board = [
      page(),
      { ...shape('shape:f'), x: Number.POSITIVE_INFINITY },
      shape('shape:a', 'shape:f'),
      binding('binding:1', 'shape:a', 'shape:f'),
    ]
    const sound = soundBoard(board, DEFAULT_LIMITS)
    expect(sound.records.get('shape:a')?.parentId).toBe('page:p')
    expect(sound.records.has('binding:1')).toBe(false)
  })

  it('with no page at all, keeps shapes on the absent page and leaves out shapes whose parent is missing', () => {
    const sound = soundBoard([shape('shape:a', 'page:page'), shape('shape:b', 'shape:gone')], DEFAULT_LIMITS)
    expect(ids(sound.records)).toEqual(['shape:a'])
  })
})
