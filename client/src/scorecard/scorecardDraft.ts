import {
  RUBRIC_DIMENSIONS,
  type RubricDimensionId,
  type Scorecard,
  type ScorecardBody,
} from '@tradeoff/shared'

/** A scorecard nobody has touched: no scores, no recommendation, no summary. */
export const EMPTY_SCORECARD: ScorecardBody = { scores: {}, overall: null, level: null, summary: '' }

/** The editable body of a scorecard from the API (or an empty one). */
export function draftFrom(card: Scorecard | null): ScorecardBody {
  if (!card) return EMPTY_SCORECARD
  return { scores: { ...card.scores }, overall: card.overall, level: card.level, summary: card.summary }
}

/** What a draft still lacks, shown before it is submitted. */
export interface DraftGaps {
  /** Dimensions with neither a score nor "no evidence". */
  unscored: RubricDimensionId[]
  overall: boolean
  level: boolean
  summary: boolean
}

/** What is left to fill in; only the overall recommendation is required to submit. */
export function draftGaps(draft: ScorecardBody): DraftGaps {
  return {
    unscored: RUBRIC_DIMENSIONS.map((d) => d.id).filter((id) => draft.scores[id] === undefined),
    overall: draft.overall === null,
    level: draft.level === null,
    summary: draft.summary.trim() === '',
  }
}
