import { elapsedMs, roundClockAt } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { applyControl, initialSessionState } from './sessionState'

const prompt = {
  phases: [
    { name: 'Scope', minutes: 5, goal: 'g' },
    { name: 'Design', minutes: 20, goal: 'g' },
  ],
  hints: ['first', 'second'],
}

describe('session clock and phases', () => {
  it('runs, pauses and resumes on the server clock', () => {
    let state = applyControl(initialSessionState(), 'start', prompt, 1_000)
    expect(elapsedMs(state, 4_000)).toBe(3_000)
    state = applyControl(state, 'pause', prompt, 5_000)
    expect(elapsedMs(state, 60_000)).toBe(4_000)
    state = applyControl(state, 'start', prompt, 10_000)
    expect(elapsedMs(state, 11_000)).toBe(5_000)
  })

  it('moves between phases, remembering when each began, and stops at the ends', () => {
    let state = applyControl(initialSessionState(), 'start', prompt, 0)
    expect(applyControl(state, 'previousPhase', prompt, 1)).toBe(state)
    state = applyControl(state, 'nextPhase', prompt, 7_000)
    expect(state).toMatchObject({ phaseIndex: 1, phaseStartedAtMs: [0, 7_000] })
    expect(applyControl(state, 'nextPhase', prompt, 8_000)).toBe(state)
    state = applyControl(state, 'previousPhase', prompt, 9_000)
    expect(state).toMatchObject({ phaseIndex: 0, phaseStartedAtMs: [0] })
  })

  it('reveals hints one at a time, in order, and no more than there are', () => {
    let state = initialSessionState()
    state = applyControl(state, 'revealHint', prompt, 0)
    state = applyControl(state, 'revealHint', prompt, 0)
    expect(state.revealedHints).toEqual(['first', 'second'])
    expect(applyControl(state, 'revealHint', prompt, 0)).toBe(state)
  })

  it('ignores a pause while paused and a start while running', () => {
    const paused = initialSessionState()
    expect(applyControl(paused, 'pause', prompt, 5)).toBe(paused)
    const running = applyControl(paused, 'start', prompt, 5)
    expect(applyControl(running, 'start', prompt, 9)).toBe(running)
  })

  it('keeps the runs of the clock, so a past moment reads on the round clock', () => {
    let state = applyControl(initialSessionState(), 'start', prompt, 1_000)
    state = applyControl(state, 'pause', prompt, 5_000)
    state = applyControl(state, 'start', prompt, 10_000)
    state = applyControl(state, 'end', prompt, 12_000)
    expect(state.clockRuns).toEqual([
      { startedAt: 1_000, stoppedAt: 5_000 },
      { startedAt: 10_000, stoppedAt: 12_000 },
    ])
    expect(roundClockAt(500, state.clockRuns)).toBeNull()
    expect(roundClockAt(7_000, state.clockRuns)).toBe(4_000)
    expect(roundClockAt(99_000, state.clockRuns)).toBe(elapsedMs(state, 99_000))
  })

  it('reads the same time as the live clock while it runs', () => {
    let state = applyControl(initialSessionState(), 'start', prompt, 1_000)
    state = applyControl(state, 'pause', prompt, 2_500)
    state = applyControl(state, 'start', prompt, 4_000)
    for (const now of [4_000, 4_001, 9_999, 123_456]) {
      expect(roundClockAt(now, state.clockRuns)).toBe(elapsedMs(state, now))
    }
  })
})
