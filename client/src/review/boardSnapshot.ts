import { isBoardRecordType, sameJson } from '@tradeoff/shared'
import { type CheckedRecords, soundBoard } from '@tradeoff/shared/boardSoundness'
import { DEFAULT_LIMITS } from '@tradeoff/shared/limits'
import type { TLRecord, TLStore } from 'tldraw'

/**
 * What replacing the store's board with a snapshot takes: records to write, ids to remove, and
 * the shapes to hide. A shape that is not on the board at this moment stays in the store, hidden,
 * so scrubbing back and forth never re-creates it: tldraw measures every label it creates, which
 * is most of the cost of showing a large board.
 */
export interface BoardReplacePlan {
  put: TLRecord[]
  remove: TLRecord['id'][]
  hidden: Set<string>
  /** Records of `next` left out as unsafe for tldraw (see `soundBoard`). */
  refused: RefusedRecord[]
}

/** A snapshot record the local schema refused: it is left out, the rest of the board is shown. */
export interface RefusedRecord {
  id: string
  error: string
}

const INSERT_ORDER: Record<string, number> = { document: 0, page: 1, asset: 2, shape: 3, binding: 4 }

/** A board's records by id: a `/board?at=` answer's `records`, or the review's moment. */
export type BoardRecordsById = Record<string, unknown> | ReadonlyMap<string, unknown>

/** Records already found within the default bounds: a moment shares most records with the last. */
const WITHIN_BOUNDS: CheckedRecords = new WeakSet()

/**
 * The changes that turn the board records of `current` into `next` (the `records` of a
 * `/board?at=` answer, or the board of the review's moment). Only document-scoped records are touched, so the camera, the current page
 * and the instance state stay. Two records are never removed, because the editor needs them and
 * a board recorded before anyone opened it has neither: the document record, and the pages when
 * `next` has none. Unchanged records are not written again.
 *
 * `next` first goes through `soundBoard`, so nothing that could hang or crash tldraw is written
 * (a recorded board may hold an orphan shape or a loop): such records are `refused`, or moved to
 * the first page.
 */
export function planBoardReplace(current: Iterable<TLRecord>, next: BoardRecordsById): BoardReplacePlan {
  const values = next instanceof Map ? [...next.values()] : Object.values(next)
  const sound = soundBoard(values.filter(isBoardRecordLike), DEFAULT_LIMITS, WITHIN_BOUNDS)
  const refused = sound.skipped.map(({ id, reason }) => ({ id, error: reason }))
  const incoming = [...sound.records.values()] as unknown as TLRecord[]
  const nextIds = new Set(incoming.map((record) => record.id))
  const nextHasPage = incoming.some((record) => record.typeName === 'page')
  const before = new Map<string, TLRecord>()
  const remove: TLRecord['id'][] = []
  const hidden = new Set<string>()
  for (const record of current) {
    if (!isBoardRecordType(record.typeName)) continue
    before.set(record.id, record)
    if (nextIds.has(record.id) || record.typeName === 'document') continue
    if (record.typeName === 'page' && !nextHasPage) continue
    if (record.typeName === 'shape') hidden.add(record.id)
    else remove.push(record.id)
  }
  const put = incoming
    .filter((record) => {
      const old = before.get(record.id)
      return old !== record && (old === undefined || !sameJson(old, record))
    })
    .sort((a, b) => (INSERT_ORDER[a.typeName] ?? 9) - (INSERT_ORDER[b.typeName] ?? 9))
  return { put, remove, hidden, refused }
}

/** What showing a snapshot did: the records refused, and the shapes now hidden (not on the board). */
export interface AppliedSnapshot {
  refused: RefusedRecord[]
  hidden: Set<string>
}

/** Options of `applyBoardSnapshot`. */
export interface ApplyOptions {
  /** Called with the records about to be written, once checked (the canvas measures labels here). */
  beforePut?: (records: readonly TLRecord[]) => void
}

/**
 * Shows a board snapshot in a tldraw store: its document records are replaced by `next` in one
 * remote change (never in the undo stack, never seen as a user's edit), except that shapes not in
 * `next` stay, and are returned as `hidden` for the canvas to hide. Records the local schema
 * refuses are skipped and returned.
 */
export function applyBoardSnapshot(
  store: TLStore,
  next: BoardRecordsById,
  options: ApplyOptions = {},
): AppliedSnapshot {
  const plan = planBoardReplace(store.allRecords(), next)
  const refused = [...plan.refused, ...writeBoardRecords(store, plan.put, plan.remove, options)]
  for (const { id } of refused) if (store.has(id as TLRecord['id'])) plan.hidden.add(id)
  return { refused, hidden: plan.hidden }
}

/**
 * Checks `put` against the store's schema and writes what passes, with `remove`, in one remote
 * change (never in the undo stack, never seen as a user's edit). Returns the records refused.
 */
function writeBoardRecords(
  store: TLStore,
  put: readonly TLRecord[],
  remove: readonly TLRecord['id'][],
  options: ApplyOptions,
): RefusedRecord[] {
  const refused: RefusedRecord[] = []
  const removing = new Set<string>(remove)
  const valid: TLRecord[] = []
  for (const record of put) {
    try {
      const before = removing.has(record.id) ? null : (store.get(record.id) ?? null)
      const checked = store.schema.validateRecord(
        store,
        record,
        before ? 'updateRecord' : 'createRecord',
        before,
      )
      valid.push(before ? shareUnchanged(before, checked) : checked)
    } catch (error) {
      refused.push({ id: record.id, error: error instanceof Error ? error.message : String(error) })
    }
  }
  if (valid.length > 0) options.beforePut?.(valid)
  if (remove.length > 0 || valid.length > 0) {
    store.mergeRemoteChanges(() => {
      if (remove.length > 0) store.remove([...remove])
      if (valid.length > 0) store.put(valid)
    })
  }
  return refused
}

/**
 * Reuses the stored `props` and `meta` objects when their content did not change. tldraw caches
 * a shape's geometry (for a label, a costly text measurement) by the identity of these two, so a
 * shape that only moved between two moments keeps its cached geometry.
 */
function shareUnchanged(before: TLRecord, next: TLRecord): TLRecord {
  const shared = { ...next } as TLRecord & { props?: unknown; meta: unknown }
  const old = before as TLRecord & { props?: unknown; meta: unknown }
  if ('props' in old && sameJson(old.props, shared.props)) shared.props = old.props
  if (sameJson(old.meta, shared.meta)) shared.meta = old.meta
  return shared
}

function isBoardRecordLike(value: unknown): value is TLRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as { id?: unknown; typeName?: unknown }
  return typeof record.id === 'string' && isBoardRecordType(record.typeName)
}
