import type { Participant, Role, SessionView } from '@tradeoff/shared'

const ROLE_LABELS: Record<Role, string> = {
  interviewer: 'Interviewer',
  candidate: 'Candidate',
  reviewer: 'Reviewer',
}

/**
 * Who takes part in the session, with their roles. Interviewers and reviewers see everyone
 * invited; a candidate's view lists nobody else, so they see only themselves (tldraw's own people
 * menu shows who is connected).
 */
export function PeopleList({ view }: { view: SessionView }) {
  const people: Participant[] = view.guide?.participants ?? [{ role: view.role, name: view.name }]
  return (
    <section className="people" aria-labelledby="people-title">
      <h4 id="people-title">People</h4>
      <ul data-testid="people">
        {people.map((person) => {
          const isMe = person.role === view.role && person.name === view.name
          return (
            <li key={`${person.role}:${person.name}`} className={isMe ? 'me' : undefined}>
              <span className="person-name">
                {person.name}
                {isMe ? <span className="muted"> (you)</span> : null}
              </span>
              <span className={`role-badge role-${person.role}`}>{ROLE_LABELS[person.role]}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** A role's name for people, such as `Interviewer`. */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role]
}
