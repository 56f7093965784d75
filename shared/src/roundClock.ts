import { z } from 'zod'
import type { SessionEvent } from './events'

/**
 * One stretch during which the round's clock ran: from `startedAt` until `stoppedAt` (null while
 * it still runs). A list of runs is in time order and every run but the last is closed. Both
 * times use one time base, whichever the list was made in: server ms since the epoch in the
 * session state, ms since the session's creation in the report.
 */
export interface ClockRun {
  startedAt: number
  stoppedAt: number | null
}

/** How many runs the session state keeps; past it the two oldest are joined (see `startClockRun`). */
export const MAX_CLOCK_RUNS = 200

/** A ClockRun as stored in the session state. */
export const clockRunSchema = z.strictObject({
  startedAt: z.number().int(),
  stoppedAt: z.number().int().nullable(),
})

/**
 * What the round's clock showed at moment `at` (in the runs' time base), in ms; null when the
 * clock had not been started yet at that moment ("before start"). Between runs it shows where
 * the last run stopped; after the last run stopped, where it stopped for good.
 */
export function roundClockAt(at: number, runs: readonly ClockRun[]): number | null {
  const first = runs[0]
  if (!first || at < first.startedAt) return null
  let total = 0
  for (const run of runs) {
    if (at <= run.startedAt) break
    const end = run.stoppedAt === null ? at : Math.min(at, run.stoppedAt)
    total += Math.max(0, end - run.startedAt)
  }
  return total
}

/**
 * The runs with a new one opened at `now`; unchanged when one is open already. Past
 * MAX_CLOCK_RUNS the two oldest runs are joined into one as long as both together, ending where
 * the second ended: the time on the clock stays exact, only moments inside those first runs move.
 */
export function startClockRun(runs: readonly ClockRun[], now: number): ClockRun[] {
  if (runs.at(-1)?.stoppedAt === null) return [...runs]
  const next = [...runs, { startedAt: now, stoppedAt: null }]
  while (next.length > MAX_CLOCK_RUNS) {
    const [first, second] = next as [ClockRun, ClockRun]
    const firstLength = (first.stoppedAt ?? first.startedAt) - first.startedAt
    next.splice(0, 2, { startedAt: second.startedAt - firstLength, stoppedAt: second.stoppedAt })
  }
  return next
}

/** The runs with the open one (if any) closed at `now`. */
export function stopClockRun(runs: readonly ClockRun[], now: number): ClockRun[] {
  const last = runs.at(-1)
  if (!last || last.stoppedAt !== null) return [...runs]
  return [...runs.slice(0, -1), { startedAt: last.startedAt, stoppedAt: Math.max(last.startedAt, now) }]
}

/**
 * The clock's runs told by a session's `start`, `pause` and `end` events (times in ms since the
 * session's creation, as the events have them). Works for sessions recorded before the session
 * state kept its runs, which is why the report reads the clock from here.
 */
export function clockRunsFromEvents(events: readonly SessionEvent[]): ClockRun[] {
  let runs: ClockRun[] = []
  const sorted = [...events].sort((a, b) => a.at - b.at)
  for (const event of sorted) {
    if (event.kind === 'start') runs = startClockRun(runs, event.at)
    else if (event.kind === 'pause' || event.kind === 'end') runs = stopClockRun(runs, event.at)
  }
  return runs
}

/** Shown for a moment before the round's clock was first started. */
export const BEFORE_START_LABEL = 'before start'

/**
 * A round-clock reading as people see it everywhere (the room, the review, the report): `mm:ss`
 * rounded down to the second, minutes going past 59 (`75:02`); `before start` for null.
 */
export function formatRoundClock(ms: number | null): string {
  if (ms === null) return BEFORE_START_LABEL
  const totalSeconds = Math.max(0, Math.floor(ms / 1000))
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
}
