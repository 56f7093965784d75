import { BOARD_MAPS, type BoardChange, type BoardHistory, foldBoardHistory, sameJson } from '@tradeoff/shared'
import * as Y from 'yjs'
import type { DocKey, Store } from '../store/Store'

/**
 * Logged updates read and applied between two turns given back to the event loop: about 10 ms of
 * work on a quiet machine, most of it inflating the stored blobs.
 */
const UPDATES_PER_TURN = 200

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
 *
 * Given the history computed `before` (for an earlier end of the same log), it goes on from
 * there: the document is rebuilt to that point from the newest snapshot before it, without
 * listing anything, and only the updates after it are listed, after `before`'s changes.
 */
export async function computeBoardHistory(
  store: Store,
  sessionId: string,
  createdAt: number,
  signal?: AbortSignal,
  before?: ComputedBoardHistory,
): Promise<ComputedBoardHistory> {
  const doc = new Y.Doc()
  const records = doc.getMap(BOARD_MAPS.records)
  const changes: BoardChange[] = before ? [...before.history.changes] : []
  const current = new Map<string, BoardRecord>(
    before ? Object.entries(foldBoardHistory(before.history.changes, Number.POSITIVE_INFINITY)) : [],
  )
  let at = changes.at(-1)?.at ?? 0
  let lastSeq = 0
  try {
    if (before && before.lastSeq > 0) {
      lastSeq = await rebuildTo(store, sessionId, doc, before.lastSeq, signal)
      const last = (await store.readUpdates(boardKey(sessionId), lastSeq, lastSeq))[0]
      if (last) at = Math.max(at, last.at - createdAt)
    }
    records.observe((event) => {
      for (const id of event.keysChanged) {
        const next = asRecord(records.get(id))
        const change = boardChange(at, id, current.get(id), next)
        if (change) changes.push(change)
        if (next) current.set(id, next)
        else current.delete(id)
      }
    })
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
 * Brings `doc` to the board as it was after update `seq`: the newest snapshot taken by then, and
 * the updates after it, in pages as `computeBoardHistory` reads them. Answers `seq`.
 */
async function rebuildTo(
  store: Store,
  sessionId: string,
  doc: Y.Doc,
  seq: number,
  signal?: AbortSignal,
): Promise<number> {
  const key = boardKey(sessionId)
  const target = (await store.readUpdates(key, seq, seq))[0]
  if (!target) throw new Error(`board log of ${sessionId} has no update ${seq}`)
  // A snapshot written in the same millisecond may already hold later updates: not that one.
  const snapshot = await store.snapshotAtOrBefore(key, target.at)
  let applied = 0
  if (snapshot && snapshot.seq <= seq) {
    Y.applyUpdate(doc, snapshot.state)
    applied = snapshot.seq
  }
  while (applied < seq) {
    signal?.throwIfAborted()
    const page = await store.readUpdates(key, applied + 1, Math.min(seq, applied + UPDATES_PER_TURN))
    if (page.length === 0) throw new Error(`board log of ${sessionId} ends before update ${seq}`)
    for (const logged of page) Y.applyUpdate(doc, logged.update)
    applied = page.at(-1)?.seq ?? seq
    await new Promise(setImmediate)
  }
  return seq
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
