import {
  clockRunsFromEvents,
  type Note,
  type ReportPhase,
  roundClockAt,
  type ScorecardsView,
  type SessionEvent,
  type SessionReport,
} from '@tradeoff/shared'
import { summarizeArchitecture } from '@tradeoff/shared/architecture'
import type { StoredSession } from '../sessions/SessionRepository'

/**
 * Puts a session's review report together from its parts. Pure: the caller reads the notes, the
 * events and the scorecards the reader may see. Phase start times come from the phase events;
 * the first phase starts when the clock first started. Every note, event and phase also gets the
 * round clock's reading at its moment (`clockMs`), from the clock's start, pause and end events.
 * `board` is the board's records at the end of the round, for the report's architecture section.
 */
export function buildReport(
  session: StoredSession,
  notes: Note[],
  events: SessionEvent[],
  scorecards: ScorecardsView,
  endedAt: number,
  board: Iterable<unknown> = [],
): SessionReport {
  const { prompt } = session
  const clockRuns = clockRunsFromEvents(events)
  const onClock = <T extends { at: number }>(item: T) => ({
    ...item,
    clockMs: roundClockAt(item.at, clockRuns),
  })
  const phases: ReportPhase[] = prompt.phases.map(({ name, minutes }) => ({
    name,
    minutes,
    startedAt: null,
    clockMs: null,
  }))
  const firstStart = events.find((e) => e.kind === 'start')
  if (firstStart && phases[0]) phases[0].startedAt = firstStart.at
  for (const event of events) {
    if (event.kind !== 'phase') continue
    const phase = phases.find((p) => p.name === event.detail)
    if (phase && phase.startedAt === null) phase.startedAt = event.at
  }
  for (const phase of phases) {
    if (phase.startedAt !== null) phase.clockMs = roundClockAt(phase.startedAt, clockRuns)
  }
  return {
    session: { id: session.id, title: session.title, createdAt: session.createdAt, endedAt },
    prompt: {
      id: prompt.id,
      title: prompt.title,
      summary: prompt.summary,
      brief: prompt.brief,
      weighs: prompt.weighs,
      levelExpectations: prompt.levelExpectations,
    },
    phases,
    clockRuns,
    notes: [...notes].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map(onClock),
    events: events.map(onClock),
    scorecards: [...(scorecards.mine?.submittedAt != null ? [scorecards.mine] : []), ...scorecards.others],
    pendingScorecards: scorecards.pending,
    architecture: summarizeArchitecture(board),
  }
}
