import type { Scorecard, ScorecardBody, ScorecardsView } from '@tradeoff/shared'
import { type ApiOptions, apiGet, apiPost, apiPut } from './apiClient'

/** Options of a scorecard call: the interviewer's or reviewer's session token is required. */
export type ScorecardOptions = Omit<ApiOptions, 'token'>

/**
 * `GET /api/sessions/:id/scorecards`: the caller's own scorecard and, once theirs is submitted
 * (or for a reviewer), the others' submitted ones. A candidate gets 403.
 */
export function getScorecards(
  sessionId: string,
  token: string,
  options: ScorecardOptions = {},
): Promise<ScorecardsView> {
  return apiGet<ScorecardsView>(scorecardsPath(sessionId), { ...options, token })
}

/** `PUT /api/sessions/:id/scorecards/mine`: saves the draft. 409 once it has been submitted. */
export function saveScorecardDraft(
  sessionId: string,
  token: string,
  body: ScorecardBody,
  options: ScorecardOptions = {},
): Promise<Scorecard> {
  return apiPut<Scorecard>(`${scorecardsPath(sessionId)}/mine`, body, { ...options, token })
}

/** `POST /api/sessions/:id/scorecards`: submits the scorecard, for good. 409 if already submitted. */
export function submitScorecard(
  sessionId: string,
  token: string,
  body: ScorecardBody,
  options: ScorecardOptions = {},
): Promise<Scorecard> {
  return apiPost<Scorecard>(scorecardsPath(sessionId), body, { ...options, token })
}

function scorecardsPath(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/scorecards`
}
