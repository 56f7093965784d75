import type { SessionState } from '@tradeoff/shared'
import { useState } from 'react'
import type { SessionControl } from '../session/useSessionControl'
import { useAppStore } from '../state/useAppStore'

interface TimerControlsProps {
  state: SessionState
  phaseCount: number
  control: SessionControl
}

/**
 * The interviewer's clock buttons: start or pause, previous and next phase, and End round, which
 * asks once more before it stops the clock for good and makes the board final. Once the round
 * has ended, the scorecard is what is left to do.
 */
export function TimerControls({ state, phaseCount, control }: TimerControlsProps) {
  const { send, pending } = control
  const [confirmingEnd, setConfirmingEnd] = useState(false)
  const setScorecardOpen = useAppStore((s) => s.setScorecardOpen)
  const busy = pending !== null
  const isLast = state.phaseIndex >= phaseCount - 1

  if (state.endedAt !== null) {
    return (
      <div className="timer-controls">
        <span className="round-ended-label" data-testid="round-ended-label">
          Round ended · board final
        </span>
        <button type="button" className="primary" onClick={() => setScorecardOpen(true)}>
          Scorecard
        </button>
      </div>
    )
  }
  if (confirmingEnd) {
    return (
      <div className="timer-controls end-confirm">
        <span>End the round for everyone? The board becomes final.</span>
        <button
          type="button"
          className="danger"
          data-testid="timer-end-confirm"
          disabled={busy}
          onClick={() => {
            setConfirmingEnd(false)
            void send('end')
          }}
        >
          End round
        </button>
        <button type="button" onClick={() => setConfirmingEnd(false)}>
          Cancel
        </button>
      </div>
    )
  }
  return (
    <div className="timer-controls">
      {state.running ? (
        <button type="button" data-testid="timer-pause" onClick={() => void send('pause')} disabled={busy}>
          Pause
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          data-testid="timer-start"
          onClick={() => void send('start')}
          disabled={busy}
        >
          {state.accumulatedMs > 0 ? 'Resume' : 'Start'}
        </button>
      )}
      <button
        type="button"
        data-testid="timer-previous"
        onClick={() => void send('previousPhase')}
        disabled={busy || state.phaseIndex <= 0}
        aria-label="Previous phase"
        title="Previous phase"
      >
        ‹
      </button>
      <button
        type="button"
        data-testid="timer-next"
        onClick={() => void send('nextPhase')}
        disabled={busy || isLast}
        aria-label="Next phase"
        title="Next phase"
      >
        Next ›
      </button>
      <button
        type="button"
        className="end-round"
        data-testid="timer-end"
        onClick={() => setConfirmingEnd(true)}
        disabled={busy}
        title="Stop the clock for good and make the board final"
      >
        End round
      </button>
    </div>
  )
}
