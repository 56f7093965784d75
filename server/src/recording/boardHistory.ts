import { BOARD_MAPS, type BoardChange, type BoardHistory, sameJson } from '@tradeoff/shared'
import * as Y from 'yjs'
import type { DocKey, Store } from '../store/Store'

/**
 * Logged updates read and applied between two turns given back to the event loop: about 50 ms of
 * work, most of it inflating the stored blobs.
 */
const UPDATES_PER_TURN = 1_000

/** Sessions whose history is kept in memory at once; the least recently asked is dropped first. */
const CACHED_SESSIONS = 4

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
 * seconds of CPU (about half of it reading the log), never more than ~50 ms at once.
 */
export async function computeBoardHistory(
  store: Store,
  sessionId: string,
  createdAt: number,
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

/**
 * Each session's board history as JSON text, computed once and kept for the few sessions last
 * asked. An answer is reused only while the log has not grown since; requests that arrive during
 * a computation share it.
 */
export class BoardHistoryCache {
  private readonly entries = new Map<string, Promise<{ lastSeq: number; json: string }>>()

  constructor(
    private readonly store: Store,
    private readonly capacity = CACHED_SESSIONS,
  ) {}

  /**
   * The session's `BoardHistory` as JSON text, covering at least every update logged before the
   * call. Rejects when the log cannot be read or replayed; the next call tries again.
   */
  async json(sessionId: string, createdAt: number): Promise<string> {
    const entry = this.entries.get(sessionId)
    if (entry) {
      const cached = await entry.catch(() => null)
      if (cached && !(await this.grewAfter(sessionId, cached.lastSeq))) {
        if (this.entries.get(sessionId) === entry) this.keep(sessionId, entry)
        return cached.json
      }
      // A computation started after this call began is recent enough to share.
      const newer = this.entries.get(sessionId)
      if (newer && newer !== entry) return (await newer).json
    }
    return (await this.compute(sessionId, createdAt)).json
  }

  /** Drops what is kept of a session; call when it is deleted. */
  forget(sessionId: string): void {
    this.entries.delete(sessionId)
  }

  private compute(sessionId: string, createdAt: number) {
    const entry = computeBoardHistory(this.store, sessionId, createdAt).then(({ history, lastSeq }) => ({
      lastSeq,
      json: JSON.stringify(history),
    }))
    entry.catch(() => {
      if (this.entries.get(sessionId) === entry) this.entries.delete(sessionId)
    })
    this.keep(sessionId, entry)
    return entry
  }

  /** Stores the entry as the most recently used, dropping the least recently used beyond capacity. */
  private keep(sessionId: string, entry: Promise<{ lastSeq: number; json: string }>): void {
    this.entries.delete(sessionId)
    this.entries.set(sessionId, entry)
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break
      this.entries.delete(oldest)
    }
  }

  private async grewAfter(sessionId: string, lastSeq: number): Promise<boolean> {
    return (await this.store.readUpdates(boardKey(sessionId), lastSeq + 1, lastSeq + 1)).length > 0
  }
}

function boardKey(sessionId: string): DocKey {
  return { sessionId, doc: 'board' }
}

/** Board records are plain JSON objects (the sync rules refuse anything else). */
function asRecord(value: unknown): BoardRecord | undefined {
  if (value instanceof Y.AbstractType) return asRecord(value.toJSON())
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as BoardRecord)
    : undefined
}
