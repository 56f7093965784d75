import type { Role } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { AwarenessUser } from '../sync/presence'

/** Someone connected to the board right now, as their awareness state says. */
export interface PresentPerson {
  clientId: number
  name: string
  role: Role | null
  color: string
  isMe: boolean
}

const ROLES: readonly string[] = ['interviewer', 'candidate', 'reviewer']

/** Reads who is connected from the board's awareness, and follows every change. */
export function readPresentPeople(awareness: Awareness): PresentPerson[] {
  const people: PresentPerson[] = []
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: Partial<AwarenessUser> } | null)?.user
    if (!user || typeof user.name !== 'string') continue
    people.push({
      clientId,
      name: user.name.slice(0, 40),
      role: typeof user.role === 'string' && ROLES.includes(user.role) ? (user.role as Role) : null,
      color: typeof user.color === 'string' ? user.color : '#868e96',
      isMe: clientId === awareness.clientID,
    })
  }
  return people.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name))
}

/** The people connected to the board now, re-rendered as they come and go. */
export function usePresentPeople(awareness: Awareness): PresentPerson[] {
  const [people, setPeople] = useState(() => readPresentPeople(awareness))
  useEffect(() => {
    const update = () => setPeople(readPresentPeople(awareness))
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness])
  return people
}
