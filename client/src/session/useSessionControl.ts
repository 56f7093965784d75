import { useCallback, useState } from 'react'
import { ApiError } from '../api/apiClient'
import { controlSession, type SessionAction, type TimedSessionView } from '../api/sessions'

/** What `useSessionControl` gives an interviewer's controls. */
export interface SessionControl {
  /** Sends an action; the new state then arrives through the board document as well. */
  send(action: SessionAction): Promise<void>
  /** The action in flight, if any: its button shows busy and the others wait. */
  pending: SessionAction | null
  /** The last failure, in words for the user, with its action; cleared by the next action. */
  error: { action: SessionAction; message: string } | null
}

/**
 * Calls `POST /api/sessions/:id/control` with the interviewer's token. The answer's view goes to
 * `onView` (which also refines the clock); failures are kept to be shown beside the controls.
 */
export function useSessionControl(
  sessionId: string,
  token: string,
  onView: (timed: TimedSessionView) => void,
): SessionControl {
  const [pending, setPending] = useState<SessionAction | null>(null)
  const [error, setError] = useState<SessionControl['error']>(null)
  const send = useCallback(
    async (action: SessionAction) => {
      setPending(action)
      setError(null)
      try {
        onView(await controlSession(sessionId, token, action))
      } catch (failure) {
        const message = failure instanceof ApiError ? failure.message : 'That did not work. Try again.'
        setError({ action, message })
      } finally {
        setPending(null)
      }
    },
    [sessionId, token, onView],
  )
  return { send, pending, error }
}
