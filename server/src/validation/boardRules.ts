import type { TLSchema } from '@tldraw/tlschema'
import { BOARD_MAPS, isBoardRecordType } from '@tradeoff/shared'
import { type DocRules, OK, refuse, type Verdict } from './validateDocUpdate'

/**
 * What clients may write on a board: tldraw document records in `records`, each valid against
 * the schema and stored under its own id. `meta` and `session` are the server's.
 */
export function boardRules(schema: TLSchema): DocRules {
  return {
    writableRoot: (root) => root === BOARD_MAPS.records,
    checkValue: (_root, key, value) => checkRecord(key, value, schema),
    checkDelete: () => OK,
  }
}

function checkRecord(key: string, record: unknown, schema: TLSchema): Verdict {
  if (typeof record !== 'object' || record === null) return refuse('record is not an object')
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
