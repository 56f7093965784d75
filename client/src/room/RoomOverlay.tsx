import type { SessionView } from '@tradeoff/shared'
import type * as Y from 'yjs'
import type { TimedSessionView } from '../api/sessions'
import type { ServerClock } from '../session/serverClock'
import { useSessionControl } from '../session/useSessionControl'
import { useSessionState } from '../session/useSessionState'
import { PromptPanel } from './PromptPanel'
import { SessionTimer } from './SessionTimer'

interface RoomOverlayProps {
  doc: Y.Doc
  view: SessionView
  token: string
  clock: ServerClock
  onView: (timed: TimedSessionView) => void
}

/** What sits over the canvas in a session: the prompt drawer and the shared timer. */
export function RoomOverlay({ doc, view, token, clock, onView }: RoomOverlayProps) {
  const state = useSessionState(doc, view.state)
  const control = useSessionControl(view.id, token, onView)
  const interviewerControl = view.role === 'interviewer' ? control : null
  return (
    <>
      <PromptPanel view={view} state={state} control={interviewerControl} />
      <SessionTimer
        phases={view.phases}
        durationMinutes={view.prompt.durationMinutes}
        state={state}
        clock={clock}
        control={interviewerControl}
      />
    </>
  )
}
