import type { Role, SessionLink } from '@tradeoff/shared'
import { useRef } from 'react'
import { roleLabel } from '../room/PeopleList'
import { CopyButton } from './CopyButton'

const ROLE_NOTES: Record<Role, string> = {
  interviewer: 'Keep it to yourself: it runs the clock and shows the guide.',
  candidate: 'Send this to the candidate.',
  reviewer: 'Read-only, for the hiring panel.',
}

interface SessionLinksProps {
  links: readonly SessionLink[]
  /** Marks the link texts `session-link-<role>` for tests; off where a second list would repeat them. */
  testIds?: boolean
}

/** The links of a session, one per person, each with a Copy button; interviewers can open theirs. */
export function SessionLinks({ links, testIds = true }: SessionLinksProps) {
  return (
    <ul className="session-links">
      {links.map((link) => (
        <SessionLinkRow key={link.token} link={link} testIds={testIds} />
      ))}
    </ul>
  )
}

function SessionLinkRow({ link, testIds }: { link: SessionLink; testIds: boolean }) {
  const textRef = useRef<HTMLElement>(null)
  return (
    <li className="session-link">
      <div className="session-link-head">
        <span className={`role-badge role-${link.role}`}>{roleLabel(link.role)}</span>
        <strong>{link.name}</strong>
        <span className="muted">{ROLE_NOTES[link.role]}</span>
      </div>
      <div className="session-link-row">
        <code
          className="link-text"
          ref={textRef}
          data-testid={testIds ? `session-link-${link.role}` : undefined}
        >
          {link.url}
        </code>
        <CopyButton text={link.url} target={textRef} label={`Copy the link for ${link.name}`} />
        {link.role === 'interviewer' ? (
          <a className="button-link" href={link.url}>
            Open as {link.name}
          </a>
        ) : null}
      </div>
    </li>
  )
}
