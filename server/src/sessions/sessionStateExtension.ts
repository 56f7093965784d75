import { BOARD_MAPS, SESSION_STATE_KEY } from '@tradeoff/shared'
import type { RoomExtension } from '../sync/extensions'
import type { SessionRepository } from './SessionRepository'

/**
 * Makes a board's `session` map hold the session's stored state when the board loads, so a new
 * board (or one whose last publish was lost) shows the right phase, clock and hints, and a board
 * whose round has ended is final. The room follows the map from then on: a round ended through
 * another process (its state arriving as a stored update) makes this copy final too.
 */
export function sessionStateExtension(repository: SessionRepository): RoomExtension {
  return {
    async onLoaded(room) {
      if (room.key.doc !== 'board') return
      const session = await repository.get(room.key.sessionId)
      if (!session) return
      room.final = session.state.endedAt !== null
      const map = room.doc.getMap(BOARD_MAPS.session)
      map.observe(() => {
        const state = map.get(SESSION_STATE_KEY) as { endedAt?: unknown } | undefined
        if (state && typeof state.endedAt === 'number') room.final = true
      })
      if (JSON.stringify(map.get(SESSION_STATE_KEY)) !== JSON.stringify(session.state)) {
        map.set(SESSION_STATE_KEY, session.state)
      }
    },
  }
}
