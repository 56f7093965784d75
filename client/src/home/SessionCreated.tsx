import type { CreatedSession } from '@tradeoff/shared'
import { SessionLinks } from './SessionLinks'

interface SessionCreatedProps {
  created: CreatedSession
  title: string
  onDone: () => void
}

/** The links of a session just created, to copy and send; it is also kept under "Your sessions". */
export function SessionCreated({ created, title, onDone }: SessionCreatedProps) {
  return (
    <section className="session-created card" aria-labelledby="created-title" data-testid="session-created">
      <h3 id="created-title">“{title}” is ready</h3>
      <p className="muted">
        Send each person their own link: it says who they are. The links are kept under “Your sessions” in
        this browser.
      </p>
      <SessionLinks links={created.links} />
      <button type="button" className="link-button" onClick={onDone}>
        Start another session with this prompt
      </button>
    </section>
  )
}
