import type { PhaseView, SessionState } from '@tradeoff/shared'
import { formatClock, useSessionClock } from '../session/clock'
import type { ServerClock } from '../session/serverClock'
import type { SessionControl } from '../session/useSessionControl'
import { PhasePlan } from './PhasePlan'
import { TimerControls } from './TimerControls'

interface SessionTimerProps {
  phases: readonly PhaseView[]
  /** The round's planned length. */
  durationMinutes: number
  state: SessionState
  clock: ServerClock
  /** The interviewer's controls; null for candidates and reviewers, who only watch the clock. */
  control: SessionControl | null
}

/**
 * The shared clock everyone sees: the current phase, the time spent in it and in the round
 * (mm:ss, from the server's state and time, so all screens agree), the phase plan, and for
 * interviewers the buttons that drive it.
 */
export function SessionTimer({ phases, durationMinutes, state, clock, control }: SessionTimerProps) {
  const reading = useSessionClock(state, clock)
  const phase = phases[state.phaseIndex]
  const phasePlannedMs = (phase?.minutes ?? 0) * 60_000
  const roundPlannedMs = durationMinutes * 60_000
  const phaseOver = phasePlannedMs > 0 && reading.phaseElapsedMs > phasePlannedMs
  const roundOver = reading.elapsedMs > roundPlannedMs
  const status =
    state.endedAt !== null
      ? 'ended'
      : state.running
        ? 'running'
        : reading.elapsedMs > 0
          ? 'paused'
          : 'not started'

  return (
    <section
      className="session-timer"
      data-testid="timer"
      data-running={state.running}
      data-ended={state.endedAt !== null}
      aria-label="Session timer"
    >
      <div className="timer-row">
        <div className="timer-phase">
          <span className="timer-label" data-testid="timer-status">
            <span className="timer-dot" aria-hidden="true" />
            Phase {state.phaseIndex + 1} of {phases.length} · {status}
          </span>
          <strong data-testid="timer-phase">{phase?.name ?? '—'}</strong>
        </div>
        <div className="timer-figure">
          <span className="timer-label">Phase</span>
          <span className={phaseOver ? 'timer-time over' : 'timer-time'} data-testid="timer-phase-elapsed">
            {formatClock(reading.phaseElapsedMs)}
          </span>
          <span className="timer-plan">/ {formatClock(phasePlannedMs)}</span>
        </div>
        <div className="timer-figure">
          <span className="timer-label">Round</span>
          <span className={roundOver ? 'timer-time over' : 'timer-time'} data-testid="timer-elapsed">
            {formatClock(reading.elapsedMs)}
          </span>
          <span className="timer-plan">/ {formatClock(roundPlannedMs)}</span>
        </div>
        {control ? <TimerControls state={state} phaseCount={phases.length} control={control} /> : null}
      </div>
      <PhasePlan phases={phases} phaseIndex={state.phaseIndex} phaseElapsedMs={reading.phaseElapsedMs} />
      {control?.error && control.error.action !== 'revealHint' ? (
        <p role="alert" className="error-text">
          {control.error.message}
        </p>
      ) : null}
    </section>
  )
}
