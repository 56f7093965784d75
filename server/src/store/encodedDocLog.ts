import type { DocName } from '@tradeoff/shared'

/**
 * A whole document log ready to be stored under a new session, each update already encoded as
 * the stores keep it (`encodeUpdateBlob`), all in one buffer cut by `lengths`, so that writing it
 * only inserts. Plain data, so it can cross from the worker that checks imports.
 */
export interface EncodedDocLog {
  doc: DocName
  /** One per update, in log order: `at` in ms since the session's creation, and the author. */
  entries: Array<{ at: number; author: string }>
  /** Every encoded update, one after the other. */
  blobs: Uint8Array
  lengths: number[]
  /** Snapshots encoded with `encodeSnapshotBlob`, by the index of the last update they hold. */
  snapshots: Array<{ index: number; blob: Uint8Array }>
}

/** One row of an encoded log, as a store writes it. */
export interface EncodedRow {
  /** Position in the log, from 1. */
  seq: number
  /** Server time, ms since the epoch. */
  at: number
  author: string
  blob: Buffer
  /** The encoded snapshot of the document up to and including this row, when the log has one. */
  snapshot: Buffer | null
}

/**
 * The rows of `log` in order, numbered from 1, with times made absolute from `createdAt`. The
 * blobs are views into `log.blobs`, not copies.
 */
export function* encodedRows(log: EncodedDocLog, createdAt: number): Generator<EncodedRow> {
  const snapshots = new Map(log.snapshots.map((s) => [s.index, s.blob]))
  let offset = 0
  for (const [index, entry] of log.entries.entries()) {
    const length = log.lengths[index] ?? 0
    const blob = Buffer.from(log.blobs.buffer, log.blobs.byteOffset + offset, length)
    offset += length
    const snapshot = snapshots.get(index)
    yield {
      seq: index + 1,
      at: createdAt + entry.at,
      author: entry.author,
      blob,
      snapshot: snapshot ? Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength) : null,
    }
  }
}
