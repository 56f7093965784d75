import * as Y from 'yjs'
import type { HeldUpdate } from './Connection'

/**
 * Takes out of the document what Yjs could not apply yet for missing dependencies (pending structs
 * and deletions) and returns it. It must never stay in the document: Yjs would merge it with later
 * updates and send it to joiners.
 */
export function takePending(doc: Y.Doc): HeldUpdate[] {
  const store = doc.store
  const held: HeldUpdate[] = []
  if (store.pendingStructs)
    held.push({ ...store.pendingStructs, missing: new Map(store.pendingStructs.missing) })
  if (store.pendingDs) held.push({ update: store.pendingDs, missing: new Map() })
  store.pendingStructs = null
  store.pendingDs = null
  return held
}

/** The held structs whose missing dependencies the document now has (deletions are never retried). */
export function readyToRetry(doc: Y.Doc, held: readonly HeldUpdate[]): HeldUpdate[] {
  return held.filter(
    (entry) =>
      entry.missing.size > 0 &&
      [...entry.missing].every(([client, clock]) => clock < Y.getState(doc.store, client)),
  )
}
