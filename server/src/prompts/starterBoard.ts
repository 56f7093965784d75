import { BOARD_MAPS } from '@tradeoff/shared'
import { createBoardSchema } from '@tradeoff/shared/boardSchema'
import type { Limits } from '@tradeoff/shared/limits'
import * as Y from 'yjs'
import { boardRules } from '../validation/boardRules'
import { validateDocUpdate } from '../validation/validateDocUpdate'

/** Starter board files larger than this are refused unread: a starter is a diagram, not a board's history. */
export const MAX_STARTER_FILE_BYTES = 256 * 1024

/** One board record of a starter, checked: a plain JSON object with a string `id`. */
export type StarterRecord = Readonly<Record<string, unknown>> & { readonly id: string }

/** What parsing a starter file gives: its records, or why it was refused. */
export type ParsedStarterBoard =
  | { ok: true; records: readonly StarterRecord[] }
  | { ok: false; message: string }

/** The records every tldraw board holds, which a board written from a starter must bring. */
const DOCUMENT_ID = 'document:document'

const fail = (message: string): ParsedStarterBoard => ({ ok: false, message })

/**
 * Parses the text of a starter board file, `{ "records": [ ... ] }` where each record is a tldraw
 * board record as a browser stores it (document, pages, shapes, bindings), and checks it exactly as
 * the server checks a client's update to an empty board (`boardRules` under `limits`): each record
 * valid against the board schema and within the JSON bounds, every shape on a page or in a shape
 * that is there, every binding between shapes that are there, no more records than one update may
 * touch. On top, the board must hold tldraw's document record (`document:document`) and a page,
 * since a client joining a board that holds records takes them as the whole board.
 *
 * Pure and synchronous; never throws. Record ids are kept as written: each session has a board of
 * its own, so they cannot collide.
 */
export function parseStarterBoard(text: string, limits: Limits): ParsedStarterBoard {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const records = (data as { records?: unknown } | null)?.records
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray(records)) {
    return fail('expected an object with a "records" array')
  }
  const extra = Object.keys(data).filter((key) => key !== 'records')
  if (extra.length > 0) return fail(`unknown field "${extra[0]}"`)

  const source = new Y.Doc()
  const map = source.getMap<unknown>(BOARD_MAPS.records)
  const checked: StarterRecord[] = []
  for (const [index, record] of records.entries()) {
    const id = (record as { id?: unknown } | null)?.id
    if (typeof record !== 'object' || record === null || Array.isArray(record) || typeof id !== 'string') {
      return fail(`records.${index}: expected a record with a string id`)
    }
    if (map.has(id)) return fail(`records.${index}: the id ${id} appears twice`)
    map.set(id, record)
    checked.push(record as StarterRecord)
  }
  if (!map.has(DOCUMENT_ID)) return fail(`no ${DOCUMENT_ID} record`)
  if (!checked.some((record) => record.typeName === 'page')) return fail('no page record')

  const verdict = validateDocUpdate(
    new Y.Doc(),
    Y.encodeStateAsUpdate(source),
    boardRules(createBoardSchema(), limits),
  )
  source.destroy()
  return verdict.ok ? { ok: true, records: checked } : fail(verdict.reason)
}
