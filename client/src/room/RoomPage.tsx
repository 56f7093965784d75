import { useState } from 'react'
import { useSessionToken } from '../session/useSessionToken'
import { useSessionView } from '../session/useSessionView'
import { useAppStore } from '../state/useAppStore'
import '../ui/session.css'
import { Board } from './Board'
import { RoomMessage } from './RoomMessage'
import { RoomOverlay } from './RoomOverlay'

/**
 * An interview room at `/s/<sessionId>`. The token is taken out of the address first (before
 * anything else renders, tldraw included), then the participant's view is loaded and the board
 * opens with their name, role and the session's prompt and timer over it. The token is kept on
 * this device for this session, so a bookmark or a new tab opens it too, until it is forgotten.
 */
export function RoomPage({ sessionId }: { sessionId: string }) {
  const token = useSessionToken(sessionId)
  const [forgotten, setForgotten] = useState(false)
  const result = useSessionView(sessionId, forgotten ? null : token)
  const userColor = useAppStore((s) => s.userColor)

  if (forgotten) {
    return (
      <RoomMessage title="This device has forgotten your link">
        To come back to this session here, open the whole link you were sent again.
      </RoomMessage>
    )
  }
  if (!token) {
    return (
      <RoomMessage title="This link is incomplete">
        The link to a session ends with <code>#token=…</code>, which says who you are. Open the whole link you
        were sent, or ask the interviewer to send it again.
      </RoomMessage>
    )
  }
  if (result.status === 'loading') return <main className="page-message">Opening the session…</main>
  if (result.status === 'error') {
    const { status, message } = result.error
    if (status === 401 || status === 403) {
      return (
        <RoomMessage title="This link is not valid">
          The server did not accept this link's token for this session. Ask the interviewer for a fresh link.
        </RoomMessage>
      )
    }
    if (status === 404) {
      return (
        <RoomMessage title="Session not found">
          There is no session at this address. Check that the link was copied whole, or ask the interviewer
          for a new one.
        </RoomMessage>
      )
    }
    return <RoomMessage title="The session could not be opened">{message}</RoomMessage>
  }

  const { view, clock, applyView } = result
  return (
    <Board
      sessionId={sessionId}
      token={token}
      userName={view.name}
      userColor={userColor}
      readOnly={view.role === 'reviewer'}
      role={view.role}
      renderOverlay={(board) => (
        <RoomOverlay
          board={board}
          view={view}
          token={token}
          clock={clock}
          onView={applyView}
          onForget={() => setForgotten(true)}
        />
      )}
    />
  )
}
