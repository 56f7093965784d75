import { BOARD_MAPS } from '@tradeoff/shared'
import * as Y from 'yjs'
import type { DocKey, Store } from '../store/Store'

/**
 * Rebuilds a document as it was at server time `at` (ms since the epoch): the newest snapshot
 * taken at or before then, plus the logged updates after it received by then. This is exactly
 * the state the server had fanned out at that moment, since every update was logged before
 * anyone received it.
 */
export async function replayDoc(store: Store, key: DocKey, at: number): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const snapshot = await store.snapshotAtOrBefore(key, at)
  const updates = await store.readUpdatesUntil(key, snapshot?.seq ?? 0, at)
  Y.transact(doc, () => {
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const logged of updates) Y.applyUpdate(doc, logged.update)
  })
  return doc
}

/** The board's records at server time `at`, as plain JSON by id. */
export async function boardRecordsAt(
  store: Store,
  sessionId: string,
  at: number,
): Promise<Record<string, unknown>> {
  const doc = await replayDoc(store, { sessionId, doc: 'board' }, at)
  try {
    return doc.getMap(BOARD_MAPS.records).toJSON()
  } finally {
    doc.destroy()
  }
}
