import type { Role, SessionView } from '@tradeoff/shared'
import type { Awareness } from 'y-protocols/awareness'
import { usePresentPeople } from '../session/usePresentPeople'

const ROLE_LABELS: Record<Role, string> = {
  interviewer: 'Interviewer',
  candidate: 'Candidate',
  reviewer: 'Reviewer',
}

/**
 * Who is on the board now, with their roles, from the board's presence. Interviewers also see
 * who was invited and has not joined. Reviewers watch without a cursor, so they are not listed as
 * present to the others.
 */
export function PeopleList({ view, awareness }: { view: SessionView; awareness: Awareness }) {
  const present = usePresentPeople(awareness)
  const absent = (view.guide?.participants ?? []).filter(
    (p) => p.role !== 'reviewer' && !present.some((q) => q.name === p.name && q.role === p.role),
  )
  return (
    <section className="people" aria-labelledby="people-title">
      <h4 id="people-title">Here now</h4>
      <ul data-testid="people">
        {present.map((person) => (
          <li key={person.clientId} className={person.isMe ? 'me' : undefined}>
            <span className="person-name">
              <span className="person-dot" style={{ background: person.color }} aria-hidden="true" />
              {person.name}
              {person.isMe ? <span className="muted"> (you)</span> : null}
            </span>
            {person.role ? (
              <span className={`role-badge role-${person.role}`}>{ROLE_LABELS[person.role]}</span>
            ) : null}
          </li>
        ))}
        {absent.map((person) => (
          <li key={`${person.role}:${person.name}`} className="absent">
            <span className="person-name muted">{person.name} (not here yet)</span>
            <span className={`role-badge role-${person.role}`}>{ROLE_LABELS[person.role]}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** A role's name for people, such as `Interviewer`. */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role]
}
