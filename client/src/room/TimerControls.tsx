import type { SessionState } from '@tradeoff/shared'
import type { SessionControl } from '../session/useSessionControl'

interface TimerControlsProps {
  state: SessionState
  phaseCount: number
  control: SessionControl
}

/** The interviewer's clock buttons: start or pause, previous and next phase. */
export function TimerControls({ state, phaseCount, control }: TimerControlsProps) {
  const { send, pending } = control
  const busy = pending !== null
  const isLast = state.phaseIndex >= phaseCount - 1
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
    </div>
  )
}
