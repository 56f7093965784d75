/**
 * The layout of the board document (README, "Board document layout").
 *
 * `records` holds tldraw document records by id as plain JSON objects; `meta` holds the tldraw
 * schema and `session` the interview's phase and timer state, both written by the server only.
 */
export const BOARD_MAPS = {
  records: 'records',
  meta: 'meta',
  session: 'session',
} as const

/** The key in the `meta` map under which the server writes tldraw's serialized schema. */
export const META_SCHEMA_KEY = 'schema'

/**
 * The tldraw record types that live in the board document. Everything else in a tldraw store
 * (camera, instance state, pointer, presence, user) is per browser tab and never synced as records.
 */
export const BOARD_RECORD_TYPES = ['document', 'page', 'shape', 'binding', 'asset'] as const

/** A tldraw record type name that the board document holds. */
export type BoardRecordType = (typeof BOARD_RECORD_TYPES)[number]

/** Tells whether a record type name belongs in the board document. */
export function isBoardRecordType(typeName: unknown): typeName is BoardRecordType {
  return typeof typeName === 'string' && (BOARD_RECORD_TYPES as readonly string[]).includes(typeName)
}
