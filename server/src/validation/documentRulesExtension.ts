import { BOARD_MAPS, CloseCodes, META_SCHEMA_KEY } from '@tradeoff/shared'
import { createBoardSchema } from '@tradeoff/shared/boardSchema'
import type { Limits } from '@tradeoff/shared/limits'
import type { RoomExtension } from '../sync/extensions'
import { Refusal } from '../sync/Refusal'
import { boardRules } from './boardRules'
import { panelRules } from './panelRules'
import { validateDocUpdate } from './validateDocUpdate'

/**
 * Guards every document: a client update that breaks its document's rules (board: valid tldraw
 * records within `limits`, a sound board; panel: valid notes in the writer's own name) is
 * refused whole with 4400, or with 4413 when it would take the document past its quota. When a
 * board loads, the server writes tldraw's schema into its `meta` map.
 */
export function documentRulesExtension(limits: Limits): RoomExtension {
  const schema = createBoardSchema()
  const serialized = schema.serialize()
  const serializedText = JSON.stringify(serialized)
  const board = boardRules(schema, limits)
  return {
    onLoaded(room) {
      if (room.key.doc !== 'board') return
      const meta = room.doc.getMap(BOARD_MAPS.meta)
      if (JSON.stringify(meta.get(META_SCHEMA_KEY)) !== serializedText) meta.set(META_SCHEMA_KEY, serialized)
    },
    beforeApplyUpdate(room, connection, update) {
      const rules = room.key.doc === 'board' ? board : panelRules(connection.identity.name, limits)
      const verdict = validateDocUpdate(room.doc, update, rules)
      if (!verdict.ok)
        throw new Refusal(verdict.tooLarge ? CloseCodes.tooLarge : CloseCodes.badUpdate, verdict.reason)
    },
  }
}
