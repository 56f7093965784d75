import { reviewUrl } from '../review/ReviewRecordingLink'
import type { MySession } from '../session/mySessions'
import { SessionLinks } from './SessionLinks'

interface MySessionsProps {
  sessions: readonly MySession[]
  onForget: (id: string) => void
}

/**
 * The sessions created (or imported) in this browser, to reopen as an interviewer, to review their
 * recording, or to copy their links again.
 */
export function MySessions({ sessions, onForget }: MySessionsProps) {
  if (sessions.length === 0) return null
  return (
    <section className="my-sessions" aria-labelledby="my-sessions-title" data-testid="my-sessions">
      <h2 id="my-sessions-title">Your sessions</h2>
      <ul>
        {sessions.map((session) => (
          <li key={session.id} className="my-session card">
            <div className="my-session-head">
              <div>
                <strong>{session.title}</strong>
                <span className="muted">
                  {session.title !== session.promptTitle ? `${session.promptTitle} · ` : ''}
                  created {formatWhen(session.createdAt)}
                </span>
              </div>
              <div className="my-session-actions">
                {session.links
                  .filter((link) => link.role === 'interviewer')
                  .map((link) => (
                    <a key={link.token} className="button-link" href={link.url}>
                      Open as {link.name}
                    </a>
                  ))}
                <ReviewLink session={session} />
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onForget(session.id)}
                  aria-label={`Forget ${session.title} in this browser`}
                >
                  Forget
                </button>
              </div>
            </div>
            <details>
              <summary>All links</summary>
              <SessionLinks links={session.links} testIds={false} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Opens the review with the first interviewer's token: interviewers may export and delete there. */
function ReviewLink({ session }: { session: MySession }) {
  const interviewer = session.links.find((link) => link.role === 'interviewer')
  if (!interviewer) return null
  return (
    <a
      className="button-link"
      href={reviewUrl(session.id, interviewer.token)}
      aria-label={`Review the recording of ${session.title}`}
      data-testid="my-session-review"
    >
      Review
    </a>
  )
}

function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
