import type { Note, ReportPhase, ScorecardsView, SessionEvent, SessionReport } from '@tradeoff/shared'
import type { StoredSession } from '../sessions/SessionRepository'

/**
 * Puts a session's review report together from its parts. Pure: the caller reads the notes, the
 * events and the scorecards the reader may see. Phase start times come from the phase events;
 * the first phase starts when the clock first started.
 */
export function buildReport(
  session: StoredSession,
  notes: Note[],
  events: SessionEvent[],
  scorecards: ScorecardsView,
  endedAt: number,
): SessionReport {
  const { prompt } = session
  const phases: ReportPhase[] = prompt.phases.map(({ name, minutes }) => ({ name, minutes, startedAt: null }))
  const firstStart = events.find((e) => e.kind === 'start')
  if (firstStart && phases[0]) phases[0].startedAt = firstStart.at
  for (const event of events) {
    if (event.kind !== 'phase') continue
    const phase = phases.find((p) => p.name === event.detail)
    if (phase && phase.startedAt === null) phase.startedAt = event.at
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
    notes: [...notes].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)),
    events,
    scorecards: [...(scorecards.mine?.submittedAt != null ? [scorecards.mine] : []), ...scorecards.others],
    pendingScorecards: scorecards.pending,
  }
}
