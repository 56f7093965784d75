import type { DocName } from '@tradeoff/shared'

/** Which document of which session a stored row belongs to. */
export interface DocKey {
  sessionId: string
  doc: DocName
}

/**
 * Thrown by a store write for a session that no longer exists (deleted meanwhile, by another
 * process perhaps): nothing was written, and nothing needs to be.
 */
export class SessionGone extends Error {
  constructor(sessionId: string) {
    super(`session ${sessionId} was deleted`)
    this.name = 'SessionGone'
  }
}

/** One accepted update as the log keeps it. */
export interface LoggedUpdate {
  /** Position in the document's log, starting at 1, without gaps. */
  seq: number
  /** Server receive time, milliseconds since the epoch. */
  at: number
  /** Who wrote it: a participant's name, or `server`. */
  author: string
  /** The Yjs update (v1 encoding). */
  update: Uint8Array
}

/** A compacted document state: every update up to and including `seq`, merged. */
export interface Snapshot {
  seq: number
  at: number
  state: Uint8Array
}

/** What is needed to rebuild a document: the newest snapshot and every update after it. */
export interface StoredDoc {
  snapshot: Snapshot | null
  updates: LoggedUpdate[]
}

/**
 * Persistence for sync documents: an append-only log of accepted updates plus snapshots that make
 * loading fast. The log is never rewritten, so the recording can replay any moment.
 *
 * Every adapter (the embedded SQLite one, the PostgreSQL one) must pass the shared contract suite
 * in `storeContract.ts`. Methods may be synchronous underneath but are called as async, so
 * a networked adapter fits without changing callers. A rejected promise means the write did not
 * happen; callers must not acknowledge the update to anyone.
 */
export interface Store {
  /** Reads the newest snapshot of a document and the updates logged after it. */
  loadDoc(key: DocKey): Promise<StoredDoc>
  /** Appends one update to a document's log and returns its sequence number. Durable on return. */
  appendUpdate(key: DocKey, update: Uint8Array, meta: { at: number; author: string }): Promise<number>
  /** Stores a compacted state covering the log up to `seq`. Older snapshots may be dropped. */
  writeSnapshot(key: DocKey, snapshot: Snapshot): Promise<void>
  /** Reads the log of a document between two sequence numbers, both inclusive, in order. */
  readUpdates(key: DocKey, fromSeq: number, toSeq?: number): Promise<LoggedUpdate[]>
  /** The newest snapshot written at or before server time `at`, or null. */
  snapshotAtOrBefore(key: DocKey, at: number): Promise<Snapshot | null>
  /** The updates after `afterSeq` received at or before server time `at`, in order. */
  readUpdatesUntil(key: DocKey, afterSeq: number, at: number): Promise<LoggedUpdate[]>
  /** Server time of a document's last logged update, or null when its log is empty. */
  lastUpdateAt(key: DocKey): Promise<number | null>
  /** How many updates a document's log holds, and their stored bytes; counts toward its quota. */
  logSize(key: DocKey): Promise<{ updates: number; bytes: number }>
  /**
   * Proves the store can write again after a failure: a tiny durable write that rejects while
   * writes fail (disk full, read-only file, I/O error).
   */
  probeWrite(): Promise<void>
  /** Flushes and releases everything. No call may follow. */
  close(): Promise<void>
}
