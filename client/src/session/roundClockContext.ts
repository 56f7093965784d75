import { type ClockRun, formatRoundClock, roundClockAt } from '@tradeoff/shared'
import { createContext, useContext } from 'react'

/** Reads a moment (`at`, ms since the session's creation) on the round's clock, as text. */
export type RoundClockFormat = (at: number) => string

/**
 * How the screen around shows moments: the room and the review provide the round clock's runs.
 * Without a provider, moments show as time since the session's creation.
 */
export const RoundClockContext = createContext<RoundClockFormat>((at) => formatRoundClock(at))

/** The round-clock formatter of the screen around. */
export function useRoundClockFormat(): RoundClockFormat {
  return useContext(RoundClockContext)
}

/**
 * A formatter for moments since the session's creation, given the clock's runs and the time base
 * they are in: `createdAt` for runs in server time (the session state), 0 for runs already counted
 * from the creation (the report).
 */
export function roundClockFormat(runs: readonly ClockRun[], base: number): RoundClockFormat {
  return (at) => formatRoundClock(roundClockAt(base + at, runs))
}
