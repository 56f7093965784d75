import { BOARD_MAPS, CloseCodes, META_SCHEMA_KEY } from '@tradeoff/shared'
import { createBoardSchema } from '@tradeoff/shared/boardSchema'
import { boardRepairs } from '@tradeoff/shared/boardSoundness'
import type { Limits } from '@tradeoff/shared/limits'
import * as Y from 'yjs'
import type { RoomExtension } from '../sync/extensions'
import { Refusal } from '../sync/Refusal'
import type { Room } from '../sync/Room'
import { boardRules } from './boardRules'
import { panelRules } from './panelRules'
import { referenceIndexOf } from './referenceIndex'
import { validateDocUpdate } from './validateDocUpdate'

/** The origin of the server's repairs after a race: stored as written by the server, sent to all. */
const REPAIR = Symbol('board-repair')

/**
 * Guards every document: a client update that breaks its document's rules (board: valid tldraw
 * records within `limits`, a sound board; panel: valid notes in the writer's own name) is
 * refused whole with 4400, or with 4413 when it would take the document past its quota. When a
 * board loads, the server writes tldraw's schema into its `meta` map.
 *
 * After each accepted board update, what honest races left unsound is repaired by the server in
 * an update of its own, stored and sent to everyone (see `boardRepairs`): a shape whose frame was
 * deleted at the same moment goes to the page, a binding to a shape deleted meanwhile goes.
 */
export function documentRulesExtension(limits: Limits): RoomExtension {
  const schema = createBoardSchema()
  const serialized = schema.serialize()
  const serializedText = JSON.stringify(serialized)
  const board = boardRules(schema, limits)
  const touched = new WeakMap<Room, Set<string>>()
  return {
    onLoaded(room) {
      if (room.key.doc !== 'board') return
      const keys = new Set<string>()
      touched.set(room, keys)
      room.doc.getMap(BOARD_MAPS.records).observe((event) => {
        if (event.transaction.origin !== REPAIR) for (const key of event.keysChanged) keys.add(key)
      })
      const meta = room.doc.getMap(BOARD_MAPS.meta)
      if (JSON.stringify(meta.get(META_SCHEMA_KEY)) !== serializedText) meta.set(META_SCHEMA_KEY, serialized)
    },
    beforeApplyUpdate(room, connection, update) {
      const rules = room.key.doc === 'board' ? board : panelRules(connection.identity.name, limits)
      const verdict = validateDocUpdate(room.doc, update, rules)
      if (!verdict.ok)
        throw new Refusal(verdict.tooLarge ? CloseCodes.tooLarge : CloseCodes.badUpdate, verdict.reason)
    },
    afterApplyUpdate(room) {
      const keys = touched.get(room)
      if (!keys || keys.size === 0) return
      const records = room.doc.getMap<unknown>(BOARD_MAPS.records)
      const repairs = boardRepairs(
        {
          record: (id) => records.get(id),
          referrersOf: (id) => referenceIndexOf(records).referrersOf(id),
          firstPage: () => firstPage(records),
        },
        keys,
      )
      keys.clear()
      if (repairs.write.length === 0 && repairs.remove.length === 0) return
      Y.transact(
        room.doc,
        () => {
          for (const record of repairs.write) records.set(String(record.id), record)
          for (const id of repairs.remove) records.delete(id)
        },
        REPAIR,
      )
    },
  }
}

/** The id of the board's first page by its fractional index, or null when it has none. */
function firstPage(records: Y.Map<unknown>): string | null {
  let best: { id: string; index: string } | null = null
  for (const [id, record] of records) {
    if (!id.startsWith('page:')) continue
    const index = String((record as { index?: unknown }).index ?? '')
    if (!best || index < best.index) best = { id, index }
  }
  return best?.id ?? null
}
