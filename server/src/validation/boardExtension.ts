import { BOARD_MAPS, CloseCodes, createBoardSchema, META_SCHEMA_KEY } from '@tradeoff/shared'
import type { RoomExtension } from '../sync/extensions'
import { Refusal } from '../sync/Refusal'
import { validateBoardUpdate } from './validateBoardUpdate'

/**
 * Guards board documents: every client update must hold valid tldraw records only (else 4400),
 * and the server writes tldraw's schema into the `meta` map when a board loads, so clients can
 * tell which schema the records follow.
 */
export function boardExtension(): RoomExtension {
  const schema = createBoardSchema()
  const serialized = schema.serialize()
  const serializedText = JSON.stringify(serialized)
  return {
    onLoaded(room) {
      if (room.key.doc !== 'board') return
      const meta = room.doc.getMap(BOARD_MAPS.meta)
      if (JSON.stringify(meta.get(META_SCHEMA_KEY)) !== serializedText) meta.set(META_SCHEMA_KEY, serialized)
    },
    beforeApplyUpdate(room, _connection, update) {
      if (room.key.doc !== 'board') return
      const verdict = validateBoardUpdate(room.doc, update, schema)
      if (!verdict.ok) throw new Refusal(CloseCodes.badUpdate, verdict.reason)
    },
  }
}
