import type { Role } from '@tradeoff/shared'
import './review.css'

interface ReviewRecordingLinkProps {
  sessionId: string
  token: string
  role: Role
}

/** The address of a session's review screen, carrying the token in the fragment as session links do. */
export function reviewUrl(sessionId: string, token: string): string {
  return `/r/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(token)}`
}

/** In the room, for interviewers and reviewers: opens the recording's review in a new tab. */
export function ReviewRecordingLink({ sessionId, token, role }: ReviewRecordingLinkProps) {
  if (role === 'candidate') return null
  return (
    <a
      className="review-recording-link"
      href={reviewUrl(sessionId, token)}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="review-recording-link"
    >
      Review recording ↗
    </a>
  )
}
