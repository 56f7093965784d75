import type { SessionView } from '@tradeoff/shared'
import type { TimedSessionView } from '../api/sessions'
import { NotesDesk } from '../notes/NotesDesk'
import type { ServerClock } from '../session/serverClock'
import { useSessionControl } from '../session/useSessionControl'
import { useSessionState } from '../session/useSessionState'
import { panelAccess } from '../sync/connectPanel'
import type { LiveBoard } from './Board'
import { PromptPanel } from './PromptPanel'
import { SessionTimer } from './SessionTimer'

interface RoomOverlayProps {
  board: LiveBoard
  view: SessionView
  token: string
  clock: ServerClock
  onView: (timed: TimedSessionView) => void
}

/**
 * What sits over the canvas in a session: the prompt drawer and the shared timer for everyone;
 * for interviewers and reviewers also the notes drawer, note badges and the scorecard. The
 * candidate's overlay never mounts those, so their browser never opens the panel.
 */
export function RoomOverlay({ board, view, token, clock, onView }: RoomOverlayProps) {
  const state = useSessionState(board.doc, view.state)
  const control = useSessionControl(view.id, token, onView)
  const interviewerControl = view.role === 'interviewer' ? control : null
  const shared = (
    <>
      <PromptPanel view={view} awareness={board.awareness} state={state} control={interviewerControl} />
      <SessionTimer
        phases={view.phases}
        durationMinutes={view.prompt.durationMinutes}
        state={state}
        clock={clock}
        control={interviewerControl}
      />
    </>
  )
  if (!panelAccess(view.role)) return shared
  return (
    <NotesDesk board={board} view={view} token={token} clock={clock}>
      {shared}
    </NotesDesk>
  )
}
