import { referencesOf } from '@tradeoff/shared/boardSoundness'
import type * as Y from 'yjs'

/** Who points at whom on one board: the shapes under a page or shape, the bindings of a shape. */
export interface ReferenceIndex {
  /** The ids of the records that point at `id` now. */
  referrersOf(id: string): Iterable<string>
}

const NONE: readonly string[] = []
const indexes = new WeakMap<Y.Map<unknown>, ReferenceIndex>()

/**
 * The reference index of a board's `records` map: built on first use with one pass over the
 * board, then kept up to date by observing the map, so a check costs only what it looks up.
 * Changes reach the index when their transaction ends, before the next update is validated.
 */
export function referenceIndexOf(records: Y.Map<unknown>): ReferenceIndex {
  let index = indexes.get(records)
  if (!index) {
    index = buildIndex(records)
    indexes.set(records, index)
  }
  return index
}

function buildIndex(records: Y.Map<unknown>): ReferenceIndex {
  const referrers = new Map<string, Set<string>>()
  const add = (id: string, record: unknown) => {
    for (const target of referencesOf(record)) {
      const set = referrers.get(target)
      if (set) set.add(id)
      else referrers.set(target, new Set([id]))
    }
  }
  const remove = (id: string, record: unknown) => {
    for (const target of referencesOf(record)) {
      const set = referrers.get(target)
      set?.delete(id)
      if (set?.size === 0) referrers.delete(target)
    }
  }
  for (const [id, record] of records) add(id, record)
  records.observe((event) => {
    for (const [id, change] of event.keys) {
      if (change.action !== 'add') remove(id, change.oldValue)
      if (change.action !== 'delete') add(id, records.get(id))
    }
  })
  return { referrersOf: (id) => referrers.get(id) ?? NONE }
}
