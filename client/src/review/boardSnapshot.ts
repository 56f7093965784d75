import { isBoardRecordType } from '@tradeoff/shared'
import type { TLRecord, TLStore } from 'tldraw'

/** What replacing the store's board with a snapshot takes: records to write and ids to remove. */
export interface BoardReplacePlan {
  put: TLRecord[]
  remove: TLRecord['id'][]
}

/** A snapshot record the local schema refused: it is left out, the rest of the board is shown. */
export interface RefusedRecord {
  id: string
  error: string
}

const INSERT_ORDER: Record<string, number> = { document: 0, page: 1, asset: 2, shape: 3, binding: 4 }

/**
 * The changes that turn the board records of `current` into `next` (the `records` of a
 * `/board?at=` answer). Only document-scoped records are touched, so the camera, the current page
 * and the instance state stay. Two records are never removed, because the editor needs them and
 * a board recorded before anyone opened it has neither: the document record, and the pages when
 * `next` has none. Unchanged records are not written again.
 */
export function planBoardReplace(
  current: Iterable<TLRecord>,
  next: Record<string, unknown>,
): BoardReplacePlan {
  const incoming = Object.values(next).filter(isBoardRecordLike)
  const nextIds = new Set(incoming.map((record) => record.id))
  const nextHasPage = incoming.some((record) => record.typeName === 'page')
  const before = new Map<string, TLRecord>()
  const remove: TLRecord['id'][] = []
  for (const record of current) {
    if (!isBoardRecordType(record.typeName)) continue
    before.set(record.id, record)
    if (nextIds.has(record.id) || record.typeName === 'document') continue
    if (record.typeName === 'page' && !nextHasPage) continue
    remove.push(record.id)
  }
  const put = incoming
    .filter((record) => {
      const old = before.get(record.id)
      return old === undefined || !sameJson(old, record)
    })
    .sort((a, b) => (INSERT_ORDER[a.typeName] ?? 9) - (INSERT_ORDER[b.typeName] ?? 9))
  return { put, remove }
}

/**
 * Shows a board snapshot in a tldraw store: its document records are replaced by `next` in one
 * remote change (never in the undo stack, never seen as a user's edit). Records the local schema
 * refuses are skipped and returned.
 */
export function applyBoardSnapshot(store: TLStore, next: Record<string, unknown>): RefusedRecord[] {
  const plan = planBoardReplace(store.allRecords(), next)
  const refused: RefusedRecord[] = []
  const removing = new Set<string>(plan.remove)
  const valid: TLRecord[] = []
  for (const record of plan.put) {
    try {
      const before = removing.has(record.id) ? null : (store.get(record.id) ?? null)
      valid.push(store.schema.validateRecord(store, record, before ? 'updateRecord' : 'createRecord', before))
    } catch (error) {
      refused.push({ id: record.id, error: error instanceof Error ? error.message : String(error) })
    }
  }
  if (plan.remove.length === 0 && valid.length === 0) return refused
  store.mergeRemoteChanges(() => {
    if (plan.remove.length > 0) store.remove(plan.remove)
    if (valid.length > 0) store.put(valid)
  })
  return refused
}

/** Deep equality of two JSON values, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  return aKeys.every((key) => Object.hasOwn(y, key) && sameJson(x[key], y[key]))
}

function isBoardRecordLike(value: unknown): value is TLRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as { id?: unknown; typeName?: unknown }
  return typeof record.id === 'string' && isBoardRecordType(record.typeName)
}
