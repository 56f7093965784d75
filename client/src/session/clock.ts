import { elapsedMs, type SessionState } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import type { ServerClock } from './serverClock'

/** What the session clock reads at one moment, in ms. */
export interface SessionClockReading {
  /** Time on the round's clock. */
  elapsedMs: number
  /** Time spent in the current phase. */
  phaseElapsedMs: number
}

/** Milliseconds spent in the current phase, given the round's elapsed time. */
export function phaseElapsedMs(state: SessionState, roundElapsedMs: number): number {
  const start = state.phaseStartedAtMs[state.phaseIndex] ?? 0
  return Math.max(0, roundElapsedMs - start)
}

/** Reads the session clock at server time `serverNow`. */
export function readSessionClock(state: SessionState, serverNow: number): SessionClockReading {
  const elapsed = elapsedMs(state, serverNow)
  return { elapsedMs: elapsed, phaseElapsedMs: phaseElapsedMs(state, elapsed) }
}

/** `mm:ss` of a duration, rounded down to the second; minutes go past 59 (`75:02`). */
export function formatClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000))
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
}

/** How long until the clock's displayed second changes, in ms (a little after, never 0). */
export function msUntilNextSecond(ms: number): number {
  return 1000 - (((ms % 1000) + 1000) % 1000) + 5
}

/**
 * The session clock, re-rendering when its shown second changes while it runs. The ticks are
 * aligned to the clock's own seconds, so every participant's display turns over together.
 */
export function useSessionClock(state: SessionState, clock: ServerClock): SessionClockReading {
  const [, setTick] = useState(0)
  const reading = readSessionClock(state, clock.now())
  const delay = state.running ? msUntilNextSecond(reading.elapsedMs) : null
  useEffect(() => {
    if (delay === null) return
    const timer = setTimeout(() => setTick((tick) => tick + 1), delay)
    return () => clearTimeout(timer)
  })
  return reading
}
