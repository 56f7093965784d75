import type { SessionState, SessionView } from '@tradeoff/shared'
import { useEffect, useMemo, useRef } from 'react'
import type { Editor } from 'tldraw'
import type { TimedSessionView } from '../api/sessions'
import { NotesDesk } from '../notes/NotesDesk'
import { RoundClockContext, roundClockFormat } from '../session/roundClockContext'
import type { ServerClock } from '../session/serverClock'
import { useSessionControl } from '../session/useSessionControl'
import { useSessionState } from '../session/useSessionState'
import { getAppStore } from '../state/useAppStore'
import { panelAccess } from '../sync/connectPanel'
import { ArrivalScreen } from './ArrivalScreen'
import type { LiveBoard } from './Board'
import { PresenceBar } from './PresenceBar'
import { PromptPanel } from './PromptPanel'
import { RoundEnded } from './RoundEnded'
import { SessionTimer } from './SessionTimer'
import './round.css'

interface RoomOverlayProps {
  board: LiveBoard
  view: SessionView
  token: string
  clock: ServerClock
  onView: (timed: TimedSessionView) => void
  /** Called once this device has forgotten the participant's link. */
  onForget: () => void
}

/**
 * What sits over the canvas in a session: who is here at the top, the prompt drawer and the
 * shared timer for everyone; for interviewers and reviewers also the notes drawer, note badges
 * and the scorecard. The candidate's overlay never mounts those, so their browser never opens
 * the panel. Before the round starts a candidate is welcomed; once it ends the board is final for
 * everyone, the candidate sees a closing screen and interviewers land on their notes and scorecard.
 */
export function RoomOverlay({ board, view, token, clock, onView, onForget }: RoomOverlayProps) {
  const state = useSessionState(board.doc, view.state)
  const control = useSessionControl(view.id, token, onView)
  const interviewerControl = view.role === 'interviewer' ? control : null
  const ended = state.endedAt !== null
  useFinalBoard(board.editor, ended, view.role === 'reviewer')
  useLandingAfterEnd(ended, view.role)
  const clockFormat = useMemo(
    () => roundClockFormat(state.clockRuns, view.createdAt),
    [state.clockRuns, view.createdAt],
  )
  const arrival =
    view.role === 'candidate' && !ended && !hasStarted(state) ? (
      <ArrivalScreen view={view} awareness={board.awareness} />
    ) : null

  const shared = (
    <>
      <PresenceBar
        view={view}
        awareness={board.awareness}
        editor={board.editor}
        token={token}
        onForget={onForget}
      />
      <PromptPanel view={view} state={state} control={interviewerControl} arrival={arrival} />
      <SessionTimer
        phases={view.phases}
        durationMinutes={view.prompt.durationMinutes}
        state={state}
        clock={clock}
        control={interviewerControl}
      />
      {ended && view.role === 'candidate' ? <RoundEnded view={view} state={state} /> : null}
    </>
  )
  if (!panelAccess(view.role)) return shared
  return (
    <RoundClockContext.Provider value={clockFormat}>
      <NotesDesk board={board} view={view} token={token} clock={clock}>
        {shared}
      </NotesDesk>
    </RoundClockContext.Provider>
  )
}

/** Whether the clock has ever been started. */
function hasStarted(state: SessionState): boolean {
  return state.running || state.accumulatedMs > 0 || state.clockRuns.length > 0
}

/**
 * Once the round has ended the board takes no more edits: the server drops them, and the editor
 * is made read-only so nobody draws what would vanish.
 */
function useFinalBoard(editor: Editor, ended: boolean, readOnly: boolean): void {
  useEffect(() => {
    editor.updateInstanceState({ isReadonly: ended || readOnly })
  }, [editor, ended, readOnly])
}

/**
 * When the round ends while an interviewer is in the room, their notes open with the scorecard
 * over them: what is left to do. A room opened after the end is left as the person arranges it.
 */
function useLandingAfterEnd(ended: boolean, role: SessionView['role']): void {
  const wasEnded = useRef(ended)
  useEffect(() => {
    if (ended && !wasEnded.current && role === 'interviewer') {
      const { setNotesPanelOpen, setScorecardOpen } = getAppStore().getState()
      setNotesPanelOpen(true)
      setScorecardOpen(true)
    }
    wasEnded.current = ended
  }, [ended, role])
}
