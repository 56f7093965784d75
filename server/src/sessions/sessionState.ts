import type { Prompt, SessionControlBody, SessionState } from '@tradeoff/shared'
import { elapsedMs, startClockRun, stopClockRun } from '@tradeoff/shared'

/** The state of a session that has not started: first phase, clock at zero, no hints. */
export function initialSessionState(): SessionState {
  return {
    phaseIndex: 0,
    running: false,
    startedAt: null,
    accumulatedMs: 0,
    phaseStartedAtMs: [0],
    revealedHints: [],
    endedAt: null,
    clockRuns: [],
  }
}

/**
 * Applies an interviewer's control action to the session state at server time `now`. Pure: the
 * caller stores and publishes the result. Actions that cannot apply (pausing a paused clock, a
 * next phase after the last, a hint when all are revealed, anything once the round has ended)
 * return the state unchanged. Ending stops the clock where it is. Starting, pausing and ending
 * also open or close a run in `clockRuns`, so past moments can be read on the round's clock.
 */
export function applyControl(
  state: SessionState,
  action: SessionControlBody['action'],
  prompt: Pick<Prompt, 'phases' | 'hints'>,
  now: number,
): SessionState {
  if (state.endedAt !== null) return state
  const { clockRuns } = state
  switch (action) {
    case 'end':
      return {
        ...state,
        running: false,
        startedAt: null,
        accumulatedMs: elapsedMs(state, now),
        endedAt: now,
        clockRuns: stopClockRun(clockRuns, now),
      }
    case 'start':
      return state.running
        ? state
        : { ...state, running: true, startedAt: now, clockRuns: startClockRun(clockRuns, now) }
    case 'pause':
      return state.running
        ? {
            ...state,
            running: false,
            startedAt: null,
            accumulatedMs: elapsedMs(state, now),
            clockRuns: stopClockRun(clockRuns, now),
          }
        : state
    case 'nextPhase': {
      if (state.phaseIndex >= prompt.phases.length - 1) return state
      const phaseIndex = state.phaseIndex + 1
      const phaseStartedAtMs = [...state.phaseStartedAtMs.slice(0, phaseIndex), elapsedMs(state, now)]
      return { ...state, phaseIndex, phaseStartedAtMs }
    }
    case 'previousPhase': {
      if (state.phaseIndex === 0) return state
      const phaseIndex = state.phaseIndex - 1
      return { ...state, phaseIndex, phaseStartedAtMs: state.phaseStartedAtMs.slice(0, phaseIndex + 1) }
    }
    case 'revealHint': {
      const next = prompt.hints[state.revealedHints.length]
      return next === undefined ? state : { ...state, revealedHints: [...state.revealedHints, next] }
    }
  }
}
