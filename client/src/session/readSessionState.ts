import { type ClockRun, clockRunSchema, SESSION_STATE_KEY, type SessionState } from '@tradeoff/shared'
import * as Y from 'yjs'

/** The name of the board document's map that holds the session state (README, "Board document layout"). */
export const SESSION_MAP = 'session'

/**
 * The session state held in a board document's `session` map, or null when it holds none yet or
 * holds something of the wrong shape (the server writes it; a stale or foreign client must not
 * break the timer).
 */
export function readSessionState(doc: Y.Doc): SessionState | null {
  const raw = doc.getMap(SESSION_MAP).get(SESSION_STATE_KEY)
  return parseSessionState(raw instanceof Y.Map ? raw.toJSON() : raw)
}

/** Checks that a value has the shape of a SessionState, and returns it as one, or null. */
export function parseSessionState(value: unknown): SessionState | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
  if (!isNumber(v.phaseIndex) || typeof v.running !== 'boolean' || !isNumber(v.accumulatedMs)) return null
  if (v.startedAt !== null && !isNumber(v.startedAt)) return null
  if (!Array.isArray(v.phaseStartedAtMs) || !v.phaseStartedAtMs.every(isNumber)) return null
  if (!Array.isArray(v.revealedHints) || !v.revealedHints.every((hint) => typeof hint === 'string'))
    return null
  if (v.endedAt !== undefined && v.endedAt !== null && !isNumber(v.endedAt)) return null
  const clockRuns = v.clockRuns === undefined ? [] : parseClockRuns(v.clockRuns)
  if (!clockRuns) return null
  return {
    phaseIndex: v.phaseIndex,
    running: v.running,
    startedAt: v.startedAt,
    accumulatedMs: v.accumulatedMs,
    phaseStartedAtMs: v.phaseStartedAtMs,
    revealedHints: v.revealedHints,
    endedAt: isNumber(v.endedAt) ? v.endedAt : null,
    clockRuns,
  }
}

function parseClockRuns(value: unknown): ClockRun[] | null {
  if (!Array.isArray(value)) return null
  const runs: ClockRun[] = []
  for (const run of value) {
    const parsed = clockRunSchema.safeParse(run)
    if (!parsed.success) return null
    runs.push(parsed.data)
  }
  return runs
}
