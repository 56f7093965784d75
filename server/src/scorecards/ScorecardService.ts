import type { Scorecard, ScorecardBody, ScorecardsView } from '@tradeoff/shared'
import { ApiError } from '../http/errors'
import type { StoredParticipant, StoredSession } from '../sessions/SessionRepository'
import type { ScorecardRepository } from './ScorecardRepository'

/** Called when an interviewer submits, so the recording can mark the moment; awaited before answering. */
export type OnScorecardSubmitted = (sessionId: string, author: string, at: number) => void | Promise<void>

/**
 * Independent scoring, enforced here: an interviewer sees no other scorecard until their own is
 * submitted; reviewers see every submitted one; candidates see none. A submitted scorecard is final.
 */
export class ScorecardService {
  constructor(
    private readonly repository: ScorecardRepository,
    private readonly now: () => number,
    private readonly onSubmitted: OnScorecardSubmitted = () => {},
  ) {}

  /** The scorecards `participant` may see now. */
  async view(session: StoredSession, participant: StoredParticipant): Promise<ScorecardsView> {
    if (participant.role === 'candidate')
      throw new ApiError(403, 'forbidden', 'candidates do not see scorecards')
    const all = await this.repository.list(session.id)
    const submitted = all.filter((card) => card.submittedAt !== null)
    const pending = session.participants
      .filter((p) => p.role === 'interviewer' && !submitted.some((card) => card.author === p.name))
      .map((p) => p.name)
    if (participant.role === 'reviewer')
      return { mine: null, others: submitted, pending, othersVisible: true }
    const mine = all.find((card) => card.author === participant.name) ?? null
    const othersVisible = mine?.submittedAt != null
    const others = othersVisible ? submitted.filter((card) => card.author !== participant.name) : []
    return { mine, others, pending, othersVisible }
  }

  /** Saves an interviewer's draft (`submit` false) or submits it for good (`submit` true). */
  async save(
    session: StoredSession,
    participant: StoredParticipant,
    body: ScorecardBody,
    submit: boolean,
  ): Promise<Scorecard> {
    if (participant.role !== 'interviewer')
      throw new ApiError(403, 'forbidden', 'only interviewers fill scorecards')
    const at = this.now()
    const saved = await this.repository.save(session.id, participant.name, body, at, submit)
    if (!saved) throw new ApiError(409, 'already_submitted', 'this scorecard was submitted and is final')
    if (submit) await this.onSubmitted(session.id, participant.name, at)
    return { ...body, author: participant.name, updatedAt: at, submittedAt: submit ? at : null }
  }
}
