import type { Participant, Role } from '@tradeoff/shared'
import { useEffect, useRef, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { readPresentPeople } from './usePresentPeople'

/** Where someone stands in the room, as this tab has seen it. */
export type PresenceState = 'here' | 'left' | 'invited'

/** One person of the room: present now, gone after being here, or invited and not seen yet. */
export interface RoomPerson {
  /** `role:name`, which names one participant (their link), whatever tabs they have open. */
  key: string
  name: string
  role: Role | null
  color: string
  state: PresenceState
  /** One of their awareness client ids while here, to follow them by. */
  clientId: number | null
  /** When this tab last saw them leave (local ms since the epoch). */
  leftAt: number | null
}

/** A join or a leave seen while the room was open. */
export interface PresenceChange {
  id: number
  kind: 'joined' | 'left'
  name: string
  role: Role | null
}

interface Seen {
  name: string
  role: Role | null
  color: string
  leftAt: number | null
}

/** The key of one participant: their role and name, as their link says. */
export function roomPeopleKey(role: Role | null, name: string): string {
  return `${role ?? 'unknown'}:${name}`
}

/**
 * The people of the room for the presence bar: everyone connected now but this person (`selfKey`,
 * whose other tabs are left out too), then those who were here and left (remembered by this tab),
 * then the invited who have not come yet (only interviewers know the invitation list). `changes`
 * lists joins and leaves as they happen, not the people already here when the room opened.
 */
export function useRoomPeople(
  awareness: Awareness,
  invited: readonly Participant[],
  selfKey: string,
  now: () => number = Date.now,
): { people: RoomPerson[]; changes: PresenceChange[]; dismiss(id: number): void } {
  const seen = useRef(new Map<string, Seen>())
  const nextId = useRef(1)
  const [snapshot, setSnapshot] = useState<RoomPerson[]>([])
  const [changes, setChanges] = useState<PresenceChange[]>([])

  useEffect(() => {
    let first = true
    const update = () => {
      const present = new Map<string, RoomPerson>()
      for (const person of readPresentPeople(awareness)) {
        const key = roomPeopleKey(person.role, person.name)
        if (person.isMe || key === selfKey || present.has(key)) continue
        present.set(key, { key, ...person, state: 'here', clientId: person.clientId, leftAt: null })
      }
      const news: PresenceChange[] = []
      for (const [key, person] of present) {
        const before = seen.current.get(key)
        if (!first && (!before || before.leftAt !== null)) {
          news.push({ id: nextId.current++, kind: 'joined', name: person.name, role: person.role })
        }
        seen.current.set(key, { name: person.name, role: person.role, color: person.color, leftAt: null })
      }
      for (const [key, before] of seen.current) {
        if (present.has(key) || before.leftAt !== null) continue
        seen.current.set(key, { ...before, leftAt: now() })
        news.push({ id: nextId.current++, kind: 'left', name: before.name, role: before.role })
      }
      first = false
      const gone: RoomPerson[] = [...seen.current]
        .filter(([key, s]) => !present.has(key) && s.leftAt !== null)
        .map(([key, s]) => ({ key, ...s, state: 'left' as const, clientId: null }))
      setSnapshot([...present.values(), ...gone])
      if (news.length > 0) setChanges((list) => [...list, ...news].slice(-4))
    }
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness, now, selfKey])

  const known = new Set([selfKey, ...snapshot.map((p) => p.key)])
  const notYet: RoomPerson[] = invited
    .filter((p) => p.role !== 'reviewer' && !known.has(roomPeopleKey(p.role, p.name)))
    .map((p) => ({
      key: roomPeopleKey(p.role, p.name),
      name: p.name,
      role: p.role,
      color: '#adb5bd',
      state: 'invited',
      clientId: null,
      leftAt: null,
    }))
  return {
    people: [...snapshot, ...notYet],
    changes,
    dismiss: (id) => setChanges((list) => list.filter((change) => change.id !== id)),
  }
}
