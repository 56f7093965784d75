import { BOARD_MAPS, type BoardChange, type BoardHistory, sameJson } from '@tradeoff/shared'
import * as Y from 'yjs'
import type { DocKey, Store } from '../store/Store'

/**
 * Logged updates read and applied between two turns given back to the event loop: about 50 ms of
 * work, most of it inflating the stored blobs.
 */
const UPDATES_PER_TURN = 1_000

type BoardRecord = Record<string, unknown>

/** A board's history and the last log position it covers. */
export interface ComputedBoardHistory {
  history: BoardHistory
  /** The sequence number of the last logged update read, 0 for an empty log. */
  lastSeq: number
}

/**
 * Replays a session's whole board log, one update at a time on a fresh document, and lists what
 * each update changed in `records` (see `BoardChange`). Yjs itself resolves every update, so
 * concurrent writes end exactly as they did live. Reads the log a page at a time and gives the
 * event loop a turn after each, so live rooms keep going: a 50,000-update recording takes a few
 * seconds of CPU (about half of it reading the log), never more than ~50 ms at once. Stops at the
 * next page and rejects with the signal's reason once `signal` is aborted.
 */
export async function computeBoardHistory(
  store: Store,
  sessionId: string,
  createdAt: number,
  signal?: AbortSignal,
): Promise<ComputedBoardHistory> {
  const doc = new Y.Doc()
  const records = doc.getMap(BOARD_MAPS.records)
  const current = new Map<string, BoardRecord>()
  const changes: BoardChange[] = []
  let at = 0
  records.observe((event) => {
    for (const id of event.keysChanged) {
      const next = asRecord(records.get(id))
      const change = boardChange(at, id, current.get(id), next)
      if (change) changes.push(change)
      if (next) current.set(id, next)
      else current.delete(id)
    }
  })
  let lastSeq = 0
  try {
    for (;;) {
      signal?.throwIfAborted()
      const page = await store.readUpdates(boardKey(sessionId), lastSeq + 1, lastSeq + UPDATES_PER_TURN)
      for (const logged of page) {
        // Times come from the server's clock: one set back must not make the history run backwards.
        at = Math.max(at, logged.at - createdAt)
        Y.applyUpdate(doc, logged.update)
        lastSeq = logged.seq
      }
      if (page.length < UPDATES_PER_TURN) break
      await new Promise(setImmediate)
    }
  } finally {
    doc.destroy()
  }
  return { history: { changes }, lastSeq }
}

/**
 * The change that turns `before` into `after` (undefined: absent), or null when they are equal.
 * A patch holds only the top-level keys whose value differs, compared as JSON.
 */
export function boardChange(
  at: number,
  id: string,
  before: BoardRecord | undefined,
  after: BoardRecord | undefined,
): BoardChange | null {
  if (!after) return before ? { at, id, removed: true } : null
  if (!before) return { at, id, record: after }
  const patch: BoardRecord = {}
  let changed = false
  for (const [key, value] of Object.entries(after)) {
    if (Object.hasOwn(before, key) && sameJson(before[key], value)) continue
    patch[key] = value
    changed = true
  }
  const unset = Object.keys(before).filter((key) => !Object.hasOwn(after, key))
  if (!changed && unset.length === 0) return null
  return unset.length > 0 ? { at, id, patch, unset } : { at, id, patch }
}

/** The key of a session's board log. */
export function boardKey(sessionId: string): DocKey {
  return { sessionId, doc: 'board' }
}

/** Board records are plain JSON objects (the sync rules refuse anything else). */
function asRecord(value: unknown): BoardRecord | undefined {
  if (value instanceof Y.AbstractType) return asRecord(value.toJSON())
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as BoardRecord)
    : undefined
}
