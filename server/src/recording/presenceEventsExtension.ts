import type { RoomExtension } from '../sync/extensions'
import type { SqliteEventLog } from './SqliteEventLog'

/** Records joins and leaves of the board, by role, on the session's timeline. */
export function presenceEventsExtension(events: SqliteEventLog, now: () => number): RoomExtension {
  return {
    onJoin(room, connection) {
      if (room.key.doc !== 'board') return
      const { role, name } = connection.identity
      events.append(room.key.sessionId, now(), { kind: 'join', role, name, detail: `${name} joined` })
    },
    onLeave(room, connection) {
      if (room.key.doc !== 'board') return
      const { role, name } = connection.identity
      events.append(room.key.sessionId, now(), { kind: 'leave', role, name, detail: `${name} left` })
    },
  }
}
