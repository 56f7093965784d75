import { z } from 'zod'
import type { SessionEvent } from './events'
import type { Note } from './notes'
import type { ClockRun } from './roundClock'
import type { Scorecard } from './scorecard'
import type { PhaseView } from './session'
import type { BoardArchitecture } from './shapes/architecture'

/**
 * What the round's clock showed at a moment of the report (`roundClockAt`), in ms; null before
 * the clock was first started. People read times on this clock; `at` stays the stored moment.
 */
export interface OnRoundClock {
  clockMs: number | null
}

/** A phase of the round as it happened: when it began, in ms since the session's creation. */
export interface ReportPhase extends PhaseView, OnRoundClock {
  startedAt: number | null
}

/**
 * The review report of a session (`GET /api/sessions/:id/report?format=json`), also what the
 * review screen is built from. All times (`at`, `startedAt`, `endedAt`, the runs) are
 * milliseconds since the session's creation; `clockMs` beside them is the round clock's reading.
 */
export interface SessionReport {
  session: { id: string; title: string; createdAt: number; endedAt: number }
  prompt: {
    id: string
    title: string
    summary: string
    brief: string
    weighs: string[]
    levelExpectations: { mid: string; senior: string; staff: string }
  }
  phases: ReportPhase[]
  /** When the round's clock ran, from its start, pause and end events. */
  clockRuns: ClockRun[]
  notes: Array<Note & OnRoundClock>
  events: Array<SessionEvent & OnRoundClock>
  /** The scorecards the caller may see (the independent-scoring rule applies here too). */
  scorecards: Scorecard[]
  pendingScorecards: string[]
  /**
   * The architecture on the board at the end of the round: components counted by kind and
   * listed with their labels and captions, and the estimate cards as written (`name = expr`; the
   * server never evaluates them).
   */
  architecture: BoardArchitecture
}

/** Query of `GET /api/sessions/:id/board`: `at` in ms since the session's creation (latest if absent). */
export const boardQuerySchema = z.object({
  at: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  ),
})

/** Query of `GET /api/sessions/:id/report`: `format` is `json` (default) or `md`. */
export const reportQuerySchema = z.object({ format: z.enum(['json', 'md']).default('json') })
