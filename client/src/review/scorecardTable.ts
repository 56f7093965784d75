import {
  DISAGREEMENT_POINTS,
  disagreements,
  LEVELS,
  type Level,
  RUBRIC_DIMENSIONS,
  type RubricDimensionId,
  type Score,
  type Scorecard,
} from '@tradeoff/shared'

/** One row of the side-by-side scorecards: a value per author (undefined = not scored). */
export interface ScorecardRow<T> {
  values: T[]
  /** Two authors are DISAGREEMENT_POINTS or more apart on it. */
  disagreement: boolean
}

/** A dimension's row. */
export interface DimensionRow extends ScorecardRow<Score | undefined> {
  dimension: RubricDimensionId
  label: string
  /** The prompt weighs this dimension most. */
  weighed: boolean
}

/** Submitted scorecards side by side, as the review screen shows them. */
export interface ScorecardTable {
  /** The columns, by author's name. */
  authors: string[]
  /** Every rubric dimension, in the rubric's order. */
  dimensions: DimensionRow[]
  overall: ScorecardRow<Score>
  /** mid vs staff counts as a disagreement; neighbouring levels do not. */
  level: ScorecardRow<Level | null>
  summaries: string[]
}

/**
 * Lays the submitted scorecards side by side, authors by name. A dimension is flagged when any
 * two authors disagree on it by DISAGREEMENT_POINTS or more (the shared `disagreements` rule), the
 * overall recommendation by the same distance, the level when it is two levels apart.
 */
export function scorecardTable(scorecards: readonly Scorecard[], weighs: readonly string[]): ScorecardTable {
  const cards = scorecards
    .filter((card) => card.submittedAt !== null)
    .sort((a, b) => a.author.localeCompare(b.author))
  const flagged = new Set<RubricDimensionId>()
  let overallApart = false
  let levelApart = false
  cards.forEach((a, i) => {
    for (const b of cards.slice(i + 1)) {
      for (const dimension of disagreements(a, b)) flagged.add(dimension)
      if (
        a.overall !== null &&
        b.overall !== null &&
        Math.abs(a.overall - b.overall) >= DISAGREEMENT_POINTS
      ) {
        overallApart = true
      }
      if (
        a.level !== null &&
        b.level !== null &&
        Math.abs(LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level)) >= 2
      ) {
        levelApart = true
      }
    }
  })
  return {
    authors: cards.map((card) => card.author),
    dimensions: RUBRIC_DIMENSIONS.map(({ id, label }) => ({
      dimension: id,
      label,
      weighed: weighs.includes(id),
      values: cards.map((card) => card.scores[id]),
      disagreement: flagged.has(id),
    })),
    overall: { values: cards.map((card) => card.overall), disagreement: overallApart },
    level: { values: cards.map((card) => card.level), disagreement: levelApart },
    summaries: cards.map((card) => card.summary),
  }
}
