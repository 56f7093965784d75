import { BOARD_MAPS, isBoardRecordType } from '@tradeoff/shared'
import { type BoardLimits, type CheckedRecords, soundBoard } from '@tradeoff/shared/boardSoundness'
import { jsonBoundsProblem, recordBounds } from '@tradeoff/shared/jsonBounds'
import { DEFAULT_LIMITS } from '@tradeoff/shared/limits'
import type { TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'

/** A record from the board document that the local schema refused; it is skipped, sync goes on. */
export interface SkippedRecord {
  id: string
  error: string
}

export interface BoardBindingOptions {
  /** Called for each remote record left out: the local tldraw schema or the board's bounds reject it. */
  onSkippedRecord?: (skipped: SkippedRecord) => void
  /** The bounds a remote record must keep to reach tldraw; the defaults the server enforces when not given. */
  limits?: BoardLimits
}

/** Stops a binding: no more changes flow either way. */
export interface BoardBinding {
  dispose(): void
}

/** The transaction origin of changes this binding writes into the document. */
export const LOCAL_ORIGIN = Symbol('tradeoff-local-board-change')

/**
 * Keeps a tldraw store and the board document (`Y.Map` `records`) in step.
 *
 * - Local user changes to document records go to Yjs in one transaction per store batch.
 * - Remote changes enter tldraw through `mergeRemoteChanges`: they are not echoed back and never
 *   land in the local undo stack.
 * - A remote record the local schema rejects is skipped and reported; the rest still applies.
 * - Nothing that could hang or crash tldraw reaches it, whatever the document holds (a merge of
 *   two honest edits can leave a shape without its frame): records out of bounds and bindings to
 *   absent shapes are skipped, and a shape whose parent is absent, that is its own ancestor or
 *   that is nested too deep is shown on the first page (see `soundBoard`). Such a shape goes back
 *   to the document where it is shown once someone edits it.
 *
 * On start, the document wins: if it holds records, the store's document records are replaced by
 * them; if it is empty, the store's records seed it.
 */
export function bindBoard(store: TLStore, doc: Y.Doc, options: BoardBindingOptions = {}): BoardBinding {
  const records = doc.getMap<TLRecord>(BOARD_MAPS.records)
  const limits = options.limits ?? DEFAULT_LIMITS
  const bounds = recordBounds(limits)
  const checked: CheckedRecords = new WeakSet()
  // Values tldraw's schema refused, so a later pass over the whole board does not report them again.
  const refused = new WeakSet<object>()
  const skip = (id: string, error: string) => options.onSkippedRecord?.({ id, error })

  const validate = (record: unknown): TLRecord | null => {
    const candidate = record as TLRecord
    try {
      if (!isBoardRecordType(candidate?.typeName))
        throw new Error(`not a board record: ${String(candidate?.typeName)}`)
      const before = store.get(candidate.id) ?? null
      return store.schema.validateRecord(store, candidate, before ? 'updateRecord' : 'createRecord', before)
    } catch (error) {
      if (typeof record === 'object' && record !== null) refused.add(record)
      skip(String(candidate?.id ?? '?'), error instanceof Error ? error.message : String(error))
      return null
    }
  }

  /**
   * Brings remote changes into tldraw. A change that may alter how the board hangs together
   * (`structural`: a shape or binding added, deleted, re-parented or re-attached) puts the whole
   * board through `soundBoard`, which also settles shapes it affects elsewhere; any other change
   * (a move, a restyle: most of them) keeps each record where tldraw shows it.
   */
  const applyRemote = (changedIds: Iterable<string>, structural: boolean) => {
    const toPut: TLRecord[] = []
    const toRemove = new Set<TLRecord['id']>()
    const put = (value: unknown) => {
      const record = validate(value)
      if (record) toPut.push(record)
    }
    if (structural) {
      const changed = new Set(changedIds)
      const sound = soundBoard(records.values(), limits, checked)
      for (const { id, reason } of sound.skipped) {
        skip(id, reason)
        if (store.has(id as TLRecord['id'])) toRemove.add(id as TLRecord['id'])
      }
      for (const [id, record] of sound.records) {
        const held = store.get(id as TLRecord['id'])
        if (
          changed.has(id) ||
          (!held && !refused.has(record)) ||
          (held?.typeName === 'shape' && held.parentId !== record.parentId)
        )
          put(record)
      }
      for (const id of changed)
        if (!records.has(id) && store.has(id as TLRecord['id'])) toRemove.add(id as TLRecord['id'])
    } else {
      for (const id of changedIds) {
        const value = records.get(id)
        if (value === undefined) {
          if (store.has(id as TLRecord['id'])) toRemove.add(id as TLRecord['id'])
          continue
        }
        const problem = checked.has(value) ? null : jsonBoundsProblem(value, bounds)
        if (problem) {
          skip(id, problem)
          continue
        }
        checked.add(value)
        const held = store.get(id as TLRecord['id'])
        // Its parent in the document did not change: it stays under the parent tldraw shows it in.
        put(
          held?.typeName === 'shape' && value.typeName === 'shape'
            ? { ...value, parentId: held.parentId }
            : value,
        )
      }
    }
    if (toPut.length === 0 && toRemove.size === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.size > 0) store.remove([...toRemove])
      if (toPut.length > 0) store.put(sortForInsert(toPut))
    })
  }

  if (records.size > 0) {
    const stale = store.allRecords().filter((r) => isBoardRecordType(r.typeName) && !records.has(r.id))
    if (stale.length > 0) store.mergeRemoteChanges(() => store.remove(stale.map((r) => r.id)))
    applyRemote(records.keys(), true)
  } else {
    const seed = store.allRecords().filter((r) => isBoardRecordType(r.typeName))
    doc.transact(() => {
      for (const record of seed) records.set(record.id, record)
    }, LOCAL_ORIGIN)
  }

  const onRemote = (event: Y.YMapEvent<TLRecord>, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return
    let structural = false
    for (const [id, change] of event.keys) {
      if (changesStructure(id, change.action, change.oldValue, records.get(id), store)) {
        structural = true
        break
      }
    }
    applyRemote(event.keysChanged, structural)
  }
  records.observe(onRemote)

  const stopListening = store.listen(
    ({ changes }) => {
      doc.transact(() => {
        for (const record of Object.values(changes.added)) {
          if (isBoardRecordType(record.typeName)) records.set(record.id, record)
        }
        for (const [, after] of Object.values(changes.updated)) {
          if (isBoardRecordType(after.typeName)) records.set(after.id, after)
        }
        for (const record of Object.values(changes.removed)) {
          if (isBoardRecordType(record.typeName)) records.delete(record.id)
        }
      }, LOCAL_ORIGIN)
    },
    { source: 'user', scope: 'document' },
  )

  return {
    dispose() {
      stopListening()
      records.unobserve(onRemote)
    },
  }
}

/**
 * Whether a remote change of record `id` may alter how the board hangs together: a shape, page or
 * binding added or deleted, a shape moved to another parent, a binding to other shapes, or a
 * record tldraw does not show yet (skipped before, or new).
 */
function changesStructure(
  id: string,
  action: 'add' | 'update' | 'delete',
  before: TLRecord | undefined,
  after: TLRecord | undefined,
  store: TLStore,
): boolean {
  const typeName = (after ?? before)?.typeName
  if (typeName !== 'shape' && typeName !== 'page' && typeName !== 'binding') return false
  if (action !== 'update' || !before || !after || !store.has(id as TLRecord['id'])) return true
  if (before.typeName !== after.typeName) return true
  if (after.typeName === 'shape') return before.typeName === 'shape' && before.parentId !== after.parentId
  if (after.typeName === 'binding')
    return before.typeName === 'binding' && (before.fromId !== after.fromId || before.toId !== after.toId)
  return false
}

const INSERT_ORDER: Record<string, number> = { document: 0, page: 1, asset: 2, shape: 3, binding: 4 }

/** Parents before children, so tldraw never sees a shape before its page or a binding before its shapes. */
function sortForInsert(records: TLRecord[]): TLRecord[] {
  return records.sort((a, b) => (INSERT_ORDER[a.typeName] ?? 9) - (INSERT_ORDER[b.typeName] ?? 9))
}
