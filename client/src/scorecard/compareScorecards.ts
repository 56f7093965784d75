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

/** One scorecard in the comparison, as a column. */
export interface CompareColumn {
  author: string
  isMe: boolean
  card: Scorecard
}

/** One cell: a score (undefined = not scored, null = no evidence), flagged when it disagrees. */
export interface CompareCell<T> {
  value: T
  /** Differs from another column's value by DISAGREEMENT_POINTS or more (levels: mid vs staff). */
  disagreement: boolean
}

/** One row of the comparison: a dimension, or the overall recommendation. */
export interface CompareRow {
  key: RubricDimensionId | 'overall'
  label: string
  weighed: boolean
  cells: CompareCell<Score | undefined>[]
}

/** Submitted scorecards side by side, with the disagreements worth discussing flagged. */
export interface Comparison {
  columns: CompareColumn[]
  rows: CompareRow[]
  levels: CompareCell<Level | null>[]
  /** Rows (dimensions, overall, level) where at least two columns disagree. */
  disagreementCount: number
}

/**
 * Lays submitted scorecards side by side: this person's first, then the others by name; the
 * rubric's dimensions in order, then the overall recommendation and the level. A cell is flagged
 * when its score is DISAGREEMENT_POINTS or more away from another column's (the shared
 * `disagreements` rule), which is what a debrief should talk about first.
 */
export function compareScorecards(
  mine: Scorecard | null,
  others: readonly Scorecard[],
  weighs: readonly string[],
): Comparison {
  const columns: CompareColumn[] = [
    ...(mine?.submittedAt != null ? [{ author: mine.author, isMe: true, card: mine }] : []),
    ...others
      .filter((card) => card.submittedAt != null)
      .sort((a, b) => a.author.localeCompare(b.author))
      .map((card) => ({ author: card.author, isMe: false, card })),
  ]
  const flagged = new Set<string>()
  const flag = (row: string, a: number, b: number) => {
    flagged.add(`${row}:${a}`)
    flagged.add(`${row}:${b}`)
  }
  columns.forEach((a, i) => {
    columns.forEach((b, j) => {
      if (j <= i) return
      for (const dimension of disagreements(a.card, b.card)) flag(dimension, i, j)
      const [x, y] = [a.card.overall, b.card.overall]
      if (x != null && y != null && Math.abs(x - y) >= DISAGREEMENT_POINTS) flag('overall', i, j)
      const [p, q] = [a.card.level, b.card.level]
      if (p != null && q != null && Math.abs(LEVELS.indexOf(p) - LEVELS.indexOf(q)) >= 2) flag('level', i, j)
    })
  })

  const rows: CompareRow[] = [
    ...RUBRIC_DIMENSIONS.map((dimension) => ({
      key: dimension.id,
      label: dimension.label,
      weighed: weighs.includes(dimension.id),
      cells: columns.map((column, i) => ({
        value: column.card.scores[dimension.id],
        disagreement: flagged.has(`${dimension.id}:${i}`),
      })),
    })),
    {
      key: 'overall' as const,
      label: 'Overall recommendation',
      weighed: false,
      cells: columns.map((column, i) => ({
        value: column.card.overall,
        disagreement: flagged.has(`overall:${i}`),
      })),
    },
  ]
  const levels = columns.map((column, i) => ({
    value: column.card.level,
    disagreement: flagged.has(`level:${i}`),
  }))
  const disagreementCount =
    rows.filter((row) => row.cells.some((cell) => cell.disagreement)).length +
    (levels.some((cell) => cell.disagreement) ? 1 : 0)
  return { columns, rows, levels, disagreementCount }
}
