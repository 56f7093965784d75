import { z } from 'zod'

const changedRecord = z.record(z.string(), z.unknown())
const changeBase = {
  /** Milliseconds since the session's creation. */
  at: z.number().int().min(0),
  /** The key in the board's `records` map: the tldraw record id. */
  id: z.string(),
}

/**
 * One change to one record of the board's `records` map, at `at` ms after the session's creation:
 * - `record`: the record appears (first time, or again after removal), with its full value;
 * - `patch`: an existing record changed: only the top-level keys whose value changed (compared
 *   deeply), each with its full new value; `unset` lists the top-level keys that disappeared and is
 *   left out when none did;
 * - `removed`: the record was removed.
 */
export const boardChangeSchema = z.union([
  z.strictObject({ ...changeBase, record: changedRecord }),
  z.strictObject({ ...changeBase, patch: changedRecord, unset: z.array(z.string()).min(1).optional() }),
  z.strictObject({ ...changeBase, removed: z.literal(true) }),
])

/** One change to one board record (see `boardChangeSchema`). */
export type BoardChange = z.infer<typeof boardChangeSchema>

/**
 * The answer of `GET /api/sessions/:id/board/history`: the board's whole change history, to
 * replay it at any moment without asking the server again (`foldBoardHistory`).
 */
export const boardHistorySchema = z.strictObject({
  /** Every change since the board was empty, in the order the server applied them (so `at` never decreases). */
  changes: z.array(boardChangeSchema),
})

/** The board's whole change history (see `boardHistorySchema`). */
export interface BoardHistory {
  /** Every change since the board was empty, in the order the server applied them (so `at` never decreases). */
  changes: BoardChange[]
}

/** A board's records by id, as `GET /api/sessions/:id/board` answers them. */
export type BoardRecords = Record<string, Record<string, unknown>>

/**
 * Applies one change to `records` in place. A changed record is replaced by a new object, never
 * modified, so a record object handed out earlier keeps its value. Use it to move forward from
 * an already folded moment instead of folding from the start again.
 */
export function applyBoardChange(records: BoardRecords, change: BoardChange): void {
  if ('record' in change) {
    records[change.id] = change.record
  } else if ('patch' in change) {
    const next = { ...records[change.id], ...change.patch }
    for (const key of change.unset ?? []) delete next[key]
    records[change.id] = next
  } else {
    delete records[change.id]
  }
}

/**
 * The board's records at `at` ms after the session's creation: every change with `at <= at`,
 * applied in order to an empty map. Equals what `GET /api/sessions/:id/board?at=` answers for the
 * same moment. `changes` must be in the order the server sent them.
 */
export function foldBoardHistory(changes: readonly BoardChange[], at: number): BoardRecords {
  const records: BoardRecords = {}
  for (const change of changes) {
    if (change.at > at) break
    applyBoardChange(records, change)
  }
  return records
}
