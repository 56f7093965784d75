import type { TLSchema } from '@tldraw/tlschema'
import { BOARD_MAPS, isBoardRecordType } from '@tradeoff/shared'
import { type BoardChangeView, boardChangeProblem } from '@tradeoff/shared/boardSoundness'
import { type JsonBounds, jsonBoundsProblem, recordBounds } from '@tradeoff/shared/jsonBounds'
import type { Limits } from '@tradeoff/shared/limits'
import type * as Y from 'yjs'
import { referenceIndexOf } from './referenceIndex'
import {
  type DocRules,
  OK,
  refuse,
  refuseTooLarge,
  type UpdateChanges,
  type Verdict,
} from './validateDocUpdate'

/** The limits the board rules enforce. */
export type BoardRuleLimits = Pick<
  Limits,
  | 'maxJsonDepth'
  | 'maxStringLength'
  | 'maxAbsCoordinate'
  | 'maxShapeNesting'
  | 'maxRecordsPerUpdate'
  | 'maxBoardRecords'
>

/**
 * What clients may write on a board: tldraw document records in `records`, each valid against
 * the schema, within the JSON bounds and stored under its own id; an update that touches at most
 * `maxRecordsPerUpdate` records, leaves the board sound (see `boardChangeProblem`) and within
 * `maxBoardRecords` (past it: a quota refusal, 4413). `meta` and `session` are the server's.
 */
export function boardRules(schema: TLSchema, limits: BoardRuleLimits): DocRules {
  const bounds = recordBounds(limits)
  return {
    writableRoot: (root) => root === BOARD_MAPS.records,
    checkValue: (_root, key, value) => checkRecord(key, value, schema, bounds),
    checkDelete: () => OK,
    checkUpdate: (doc, changes) => checkBoardUpdate(doc, changes, limits),
  }
}

/** The checks of one record alone, also used for server-written maps on import. */
export function checkRecord(key: string, record: unknown, schema: TLSchema, bounds: JsonBounds): Verdict {
  if (typeof record !== 'object' || record === null) return refuse('record is not an object')
  const outOfBounds = jsonBoundsProblem(record, bounds)
  if (outOfBounds) return refuse(`record out of bounds: ${outOfBounds}`)
  const { id, typeName } = record as { id?: unknown; typeName?: unknown }
  if (id !== key) return refuse('record id differs from its key')
  if (!isBoardRecordType(typeName)) return refuse(`record type not allowed on the board: ${String(typeName)}`)
  const recordType = schema.types[typeName]
  if (!recordType) return refuse(`unknown record type: ${typeName}`)
  try {
    recordType.validate(record)
  } catch (error) {
    return refuse(`invalid ${typeName}: ${error instanceof Error ? error.message.slice(0, 200) : 'invalid'}`)
  }
  return OK
}

const NO_WRITES: ReadonlyMap<string, unknown> = new Map()
const NO_DELETES: ReadonlySet<string> = new Set()

/** The board as a whole once the update applied: how many records, and whether it is sound. */
function checkBoardUpdate(doc: Y.Doc, changes: UpdateChanges, limits: BoardRuleLimits): Verdict {
  const written = changes.written.get(BOARD_MAPS.records) ?? NO_WRITES
  const deleted = changes.deleted.get(BOARD_MAPS.records) ?? NO_DELETES
  if (written.size === 0 && deleted.size === 0) return OK
  if (written.size + deleted.size > limits.maxRecordsPerUpdate)
    return refuse(`update touches more than ${limits.maxRecordsPerUpdate} records`)
  const records = doc.getMap<unknown>(BOARD_MAPS.records)
  let added = 0
  for (const key of written.keys()) if (!records.has(key)) added++
  let removed = 0
  for (const key of deleted) if (records.has(key)) removed++
  // A board already past the quota (limits lowered since) may still be edited, just not grown: only
  // an update that adds more records than it removes is counted (Y.Map's size walks every entry).
  if (added > removed && records.size + added - removed > limits.maxBoardRecords)
    return refuseTooLarge(`board would hold more than ${limits.maxBoardRecords} records`)

  let pagesFound: boolean | undefined
  const view: BoardChangeView = {
    record: (id) => (written.has(id) ? written.get(id) : deleted.has(id) ? undefined : records.get(id)),
    recordBefore: (id) => records.get(id),
    referrersBefore: (id) => referenceIndexOf(records).referrersOf(id),
    hasPages: () => {
      pagesFound ??= hasPages(records, written, deleted)
      return pagesFound
    },
    wasDeleted: (id) => deleted.has(id) || wasDeleted(records, id),
  }
  const problem = boardChangeProblem(view, { written: written.keys(), deleted }, limits)
  return problem ? refuse(problem) : OK
}

/** Asked only when a shape sits on an absent page, which is rare: the scan may cover the board. */
function hasPages(
  records: Y.Map<unknown>,
  written: ReadonlyMap<string, unknown>,
  deleted: ReadonlySet<string>,
): boolean {
  for (const record of written.values())
    if ((record as { typeName?: unknown }).typeName === 'page') return true
  for (const id of records.keys()) if (id.startsWith('page:') && !deleted.has(id)) return true
  return false
}

/** Whether `records` held `id` once: Yjs keeps a deleted key's last item in the map, marked deleted. */
export function wasDeleted(records: Y.Map<unknown>, id: string): boolean {
  return records._map.get(id)?.deleted === true
}
