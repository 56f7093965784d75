import { BOARD_MAPS, isBoardRecordType } from '@tradeoff/shared'
import type { TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'

/** A record from the board document that the local schema refused; it is skipped, sync goes on. */
export interface SkippedRecord {
  id: string
  error: string
}

export interface BoardBindingOptions {
  /** Called for each remote record the local tldraw schema rejects. */
  onSkippedRecord?: (skipped: SkippedRecord) => void
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
 *
 * On start, the document wins: if it holds records, the store's document records are replaced by
 * them; if it is empty, the store's records seed it.
 */
export function bindBoard(store: TLStore, doc: Y.Doc, options: BoardBindingOptions = {}): BoardBinding {
  const records = doc.getMap<TLRecord>(BOARD_MAPS.records)

  const validate = (record: unknown): TLRecord | null => {
    const candidate = record as TLRecord
    try {
      if (!isBoardRecordType(candidate?.typeName))
        throw new Error(`not a board record: ${String(candidate?.typeName)}`)
      const before = store.get(candidate.id) ?? null
      return store.schema.validateRecord(store, candidate, before ? 'updateRecord' : 'createRecord', before)
    } catch (error) {
      options.onSkippedRecord?.({
        id: String(candidate?.id ?? '?'),
        error: error instanceof Error ? error.message : String(error),
      })
      return null
    }
  }

  const applyRemote = (changedIds: Iterable<string>) => {
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    for (const id of changedIds) {
      const value = records.get(id)
      if (value === undefined) {
        if (store.has(id as TLRecord['id'])) toRemove.push(id as TLRecord['id'])
        continue
      }
      const record = validate(value)
      if (record) toPut.push(record)
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(sortForInsert(toPut))
    })
  }

  if (records.size > 0) {
    const stale = store.allRecords().filter((r) => isBoardRecordType(r.typeName) && !records.has(r.id))
    if (stale.length > 0) store.mergeRemoteChanges(() => store.remove(stale.map((r) => r.id)))
    applyRemote(records.keys())
  } else {
    const seed = store.allRecords().filter((r) => isBoardRecordType(r.typeName))
    doc.transact(() => {
      for (const record of seed) records.set(record.id, record)
    }, LOCAL_ORIGIN)
  }

  const onRemote = (event: Y.YMapEvent<TLRecord>, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return
    applyRemote(event.keysChanged)
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

const INSERT_ORDER: Record<string, number> = { document: 0, page: 1, asset: 2, shape: 3, binding: 4 }

/** Parents before children, so tldraw never sees a shape before its page or a binding before its shapes. */
function sortForInsert(records: TLRecord[]): TLRecord[] {
  return records.sort((a, b) => (INSERT_ORDER[a.typeName] ?? 9) - (INSERT_ORDER[b.typeName] ?? 9))
}
