import type { SessionView } from '@tradeoff/shared'
import type { StoredParticipant, StoredSession } from './SessionRepository'

/**
 * The view of a session its participant's role may see (`GET /api/sessions/:id`). A candidate's
 * view holds the brief, the requirements, the phase names and the hints revealed so far: nothing
 * of the interviewer guide, not even the prompt's id or its phase goals; besides the interviewers'
 * names, which everyone gets, it lists nobody.
 */
export function buildSessionView(
  session: StoredSession,
  participant: StoredParticipant,
  now: number,
): SessionView {
  const { prompt, state } = session
  const view: SessionView = {
    id: session.id,
    role: participant.role,
    name: participant.name,
    title: session.title,
    createdAt: session.createdAt,
    serverNow: now,
    prompt: {
      title: prompt.title,
      brief: prompt.brief,
      scale: prompt.scale,
      functionalRequirements: prompt.functionalRequirements,
      nonFunctionalRequirements: prompt.nonFunctionalRequirements,
      durationMinutes: prompt.durationMinutes,
    },
    phases: prompt.phases.map(({ name, minutes }) => ({ name, minutes })),
    state,
    interviewers: session.participants.filter((p) => p.role === 'interviewer').map((p) => p.name),
  }
  if (participant.role === 'candidate') return view
  view.guide = {
    promptId: prompt.id,
    summary: prompt.summary,
    tags: prompt.tags,
    levels: prompt.levels,
    weighs: prompt.weighs,
    phases: prompt.phases,
    hints: prompt.hints,
    followUps: prompt.followUps,
    levelExpectations: prompt.levelExpectations,
    participants: session.participants.map(({ role, name }) => ({ role, name })),
  }
  return view
}
