import type { Role } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import type { Logger } from '../logger'
import type { RoomExtension } from '../sync/extensions'
import type { EventLog } from './EventLog'

interface Person {
  role: Role
  name: string
  /** Board connections this person has open now (tabs, reconnects overlapping). */
  open: number
  /** A leave waiting to be recorded, in case the person comes back within the coalescing time. */
  pendingLeave: { at: number; timer: NodeJS.Timeout } | null
}

/**
 * Records joins and leaves of the board on the session's timeline, one per person rather than
 * one per socket: a second tab adds nothing, and a person who leaves and comes back within
 * `presenceCoalesceMs` (a reload, a dropped network) adds nothing either. A session keeps at
 * most `maxPresenceEventsPerSession` of them, so connecting in a loop cannot grow its timeline.
 * A failure to record is logged and never refuses the connection.
 */
export function presenceEventsExtension(
  events: EventLog,
  now: () => number,
  limits: Limits,
  logger: Logger,
): RoomExtension {
  const people = new Map<string, Map<string, Person>>()
  const counts = new Map<string, number>()
  // Each session's writes run one after another, so the count read before a write stays right
  // and a leave is never stored before the join it follows.
  const queues = new Map<string, Promise<void>>()

  const enqueue = (sessionId: string, task: () => Promise<void>) => {
    const next = (queues.get(sessionId) ?? Promise.resolve()).then(task)
    queues.set(sessionId, next)
    void next.finally(() => {
      if (queues.get(sessionId) === next) queues.delete(sessionId)
    })
  }

  const append = (sessionId: string, at: number, person: Person, kind: 'join' | 'leave') => {
    enqueue(sessionId, async () => {
      try {
        const count = counts.get(sessionId) ?? (await events.countPresence(sessionId))
        if (count >= limits.maxPresenceEventsPerSession) return
        const detail = kind === 'join' ? `${person.name} joined` : `${person.name} left`
        await events.append(sessionId, at, { kind, role: person.role, name: person.name, detail })
        counts.set(sessionId, count + 1)
      } catch (error) {
        logger.warn({ session: sessionId, err: error }, `could not record a ${kind}`)
      }
    })
  }

  return {
    onJoin(room, connection) {
      if (room.key.doc !== 'board') return
      const { role, name } = connection.identity
      const inRoom = people.get(room.name) ?? new Map<string, Person>()
      people.set(room.name, inRoom)
      const key = `${role}:${name}`
      let person = inRoom.get(key)
      if (!person) {
        person = { role, name, open: 0, pendingLeave: null }
        inRoom.set(key, person)
      }
      person.open += 1
      if (person.open > 1) return
      if (person.pendingLeave) {
        clearTimeout(person.pendingLeave.timer)
        person.pendingLeave = null
        return
      }
      append(room.key.sessionId, now(), person, 'join')
    },
    onLeave(room, connection) {
      if (room.key.doc !== 'board') return
      const { role, name } = connection.identity
      const person = people.get(room.name)?.get(`${role}:${name}`)
      if (!person || person.open === 0) return
      person.open -= 1
      if (person.open > 0) return
      const at = now()
      const timer = setTimeout(() => {
        person.pendingLeave = null
        append(room.key.sessionId, at, person, 'leave')
      }, limits.presenceCoalesceMs)
      timer.unref()
      person.pendingLeave = { at, timer }
    },
    onClose(room) {
      const inRoom = people.get(room.name)
      if (!inRoom) return
      people.delete(room.name)
      for (const person of inRoom.values()) {
        if (!person.pendingLeave) continue
        clearTimeout(person.pendingLeave.timer)
        append(room.key.sessionId, person.pendingLeave.at, person, 'leave')
      }
      enqueue(room.key.sessionId, async () => {
        counts.delete(room.key.sessionId)
      })
    },
  }
}
