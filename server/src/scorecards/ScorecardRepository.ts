import type { Scorecard, ScorecardBody } from '@tradeoff/shared'

/**
 * Persistence of scorecards, one per interviewer per session. A submitted scorecard is final:
 * `save` must leave it untouched even when requests race (adapters enforce it in the write itself).
 */
export interface ScorecardRepository {
  /** Every scorecard of a session, drafts included, ordered by author. */
  list(sessionId: string): Promise<Scorecard[]>
  /**
   * Saves an interviewer's draft, or submits it (`submit`: `submittedAt` becomes `now`). Resolves
   * false, changing nothing, when that interviewer's scorecard was already submitted.
   */
  save(sessionId: string, author: string, body: ScorecardBody, now: number, submit: boolean): Promise<boolean>
}
