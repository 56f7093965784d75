import { z } from 'zod'
import { levelSchema, type RubricDimensionId, rubricDimensionIdSchema } from './rubric'

/** The four-point scale: 1 Strong no, 2 No, 3 Yes, 4 Strong yes (README, "HTTP": scores). */
export const SCORE_LABELS = { 1: 'Strong no', 2: 'No', 3: 'Yes', 4: 'Strong yes' } as const

/** A score on the four-point scale, or null for "no evidence". */
export const scoreSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable()

/** A score on the four-point scale, or null for "no evidence". */
export type Score = z.infer<typeof scoreSchema>

/**
 * The body of a scorecard, as a draft is saved (`PUT /api/sessions/:id/scorecards/mine`) and as
 * it is submitted (`POST /api/sessions/:id/scorecards`). A dimension left out has no score yet.
 */
export const scorecardBodySchema = z.strictObject({
  scores: z.partialRecord(rubricDimensionIdSchema, scoreSchema).default({}),
  overall: scoreSchema.default(null),
  level: levelSchema.nullable().default(null),
  summary: z.string().max(20_000).default(''),
})

/** A validated scorecard body. */
export type ScorecardBody = z.infer<typeof scorecardBodySchema>

/** A scorecard as the API shows it. */
export interface Scorecard extends ScorecardBody {
  author: string
  /** When it was last saved (server ms since the epoch). */
  updatedAt: number
  /** When it was submitted, or null for a draft. A submitted scorecard is final. */
  submittedAt: number | null
}

/**
 * Answer of `GET /api/sessions/:id/scorecards`. An interviewer gets their own (`mine`) and sees
 * the others' only once their own is submitted (independent scoring); a reviewer sees every
 * submitted one. `pending` names the interviewers who have not submitted yet.
 */
export interface ScorecardsView {
  mine: Scorecard | null
  others: Scorecard[]
  pending: string[]
  /** Whether the caller may see the others yet. */
  othersVisible: boolean
}

/** Scores that differ by this much or more on one dimension are a disagreement worth discussing. */
export const DISAGREEMENT_POINTS = 2

/** The dimensions on which two scorecards disagree by DISAGREEMENT_POINTS or more. */
export function disagreements(a: ScorecardBody, b: ScorecardBody): RubricDimensionId[] {
  const out: RubricDimensionId[] = []
  for (const dimension of rubricDimensionIdSchema.options) {
    const x = a.scores[dimension]
    const y = b.scores[dimension]
    if (x != null && y != null && Math.abs(x - y) >= DISAGREEMENT_POINTS) out.push(dimension)
  }
  return out
}
