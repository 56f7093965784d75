import type { Role } from './session'

/**
 * What happened in a session besides drawing and notes, on the same timeline as the recording:
 * who joined and left, the clock, phases, hints and scorecards.
 */
export type SessionEventKind = 'join' | 'leave' | 'start' | 'pause' | 'phase' | 'hint' | 'scorecard' | 'end'

/** One session event. `at` is milliseconds since the session's creation. */
export interface SessionEvent {
  at: number
  kind: SessionEventKind
  /** Who did it or whom it is about, when a person is involved. */
  role: Role | null
  name: string | null
  /** A short human text: the phase's name, the hint's number, the document joined. */
  detail: string
}
