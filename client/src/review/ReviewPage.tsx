import { useState } from 'react'
import { RoomMessage } from '../room/RoomMessage'
import { forgetSession } from '../session/mySessions'
import { forgetSessionToken } from '../session/token'
import { useSessionToken } from '../session/useSessionToken'
import { useClientConfig } from '../ui/useClientConfig'
import '../ui/session.css'
import './review.css'
import { ReviewScreen } from './ReviewScreen'
import { useReviewData } from './useReviewData'

/**
 * The review of a recorded round at `/r/<sessionId>#token=...`, for interviewers and reviewers.
 * The token leaves the address bar first, as in the room; a candidate's link is told plainly that
 * the recording is not for them.
 */
export function ReviewPage({ sessionId }: { sessionId: string }) {
  const token = useSessionToken(sessionId)
  const result = useReviewData(sessionId, token)
  // Asked for now, so the canvas does not wait for it after the recording has loaded.
  useClientConfig()
  const [deleted, setDeleted] = useState<string | null>(null)

  if (!token) {
    return (
      <RoomMessage title="This link is incomplete">
        The link to a recording ends with <code>#token=…</code>, which says who you are. Open the whole link
        you were sent, or ask the interviewer to send it again.
      </RoomMessage>
    )
  }
  if (deleted !== null) {
    return (
      <main className="page-message" data-testid="session-deleted">
        <h1>“{deleted}” is deleted</h1>
        <p>
          Everything is gone from the server: the board and its recording, the notes, the scorecards and every
          link. It is no longer listed under “Your sessions” in this browser.
        </p>
        <p>
          <a href="/">Go to the Tradeoff home page</a>
        </p>
      </main>
    )
  }
  if (result.status === 'loading') return <main className="page-message">Opening the recording…</main>
  if (result.status === 'candidate') {
    return (
      <RoomMessage title="The recording is not available">
        Recordings and reviews are for the interviewers and the hiring panel only. If you were the candidate,
        thank you for your time: the interviewer will follow up with you.
      </RoomMessage>
    )
  }
  if (result.status === 'error') {
    const { status, message } = result.error
    if (status === 401) {
      return (
        <RoomMessage title="This link is not valid">
          The server did not accept this link's token for this session. Ask the interviewer for a fresh link.
        </RoomMessage>
      )
    }
    if (status === 403) {
      return (
        <RoomMessage title="The recording is not available">
          This link does not give access to the recording. Reviews are for interviewers and reviewers.
        </RoomMessage>
      )
    }
    if (status === 404) {
      return (
        <RoomMessage title="Session not found">
          There is no session at this address: it may have been deleted. Check that the link was copied whole.
        </RoomMessage>
      )
    }
    return <RoomMessage title="The recording could not be opened">{message}</RoomMessage>
  }

  const onDeleted = () => {
    forgetSession(window.localStorage, sessionId)
    forgetSessionToken(sessionId)
    setDeleted(result.data.report.session.title)
  }
  return <ReviewScreen data={result.data} token={token} onDeleted={onDeleted} />
}
