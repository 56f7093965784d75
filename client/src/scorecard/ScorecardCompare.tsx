import type { Scorecard } from '@tradeoff/shared'
import { compareScorecards } from './compareScorecards'
import { LEVEL_LABELS } from './LevelExpectations'
import { scoreText } from './ScoreButtons'

interface ScorecardCompareProps {
  mine: Scorecard | null
  others: readonly Scorecard[]
  pending: readonly string[]
  weighs: readonly string[]
}

/**
 * Submitted scorecards side by side, per dimension, with scores two or more points apart
 * highlighted, each summary below, and who has not submitted yet.
 */
export function ScorecardCompare({ mine, others, pending, weighs }: ScorecardCompareProps) {
  const { columns, rows, levels, disagreementCount } = compareScorecards(mine, others, weighs)
  return (
    <section
      className="scorecards-compare"
      data-testid="scorecards-compare"
      aria-label="Scorecards side by side"
    >
      <p className="compare-summary">
        {columns.length === 0
          ? 'No scorecard has been submitted yet.'
          : columns.length === 1
            ? 'Only one scorecard is submitted so far.'
            : disagreementCount === 0
              ? 'No disagreements of two points or more.'
              : `${disagreementCount} disagreement${disagreementCount === 1 ? '' : 's'} of two points or more, highlighted: start the debrief there.`}
      </p>
      {columns.length > 0 ? (
        <div className="compare-scroll">
          <table className="compare-table">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                {columns.map((column) => (
                  <th key={column.author} scope="col">
                    {column.isMe ? `${column.author} (you)` : column.author}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.key === 'overall' ? 'compare-overall' : undefined}>
                  <th scope="row">
                    {row.label}
                    {row.weighed ? <span className="chip chip-accent">weighed</span> : null}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td
                      key={columns[i]?.author}
                      className={
                        cell.disagreement
                          ? `score-cell disagreement score-${cell.value}`
                          : `score-cell score-${cell.value}`
                      }
                      data-testid={cell.disagreement ? 'disagreement' : undefined}
                    >
                      {scoreText(cell.value)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">Level</th>
                {levels.map((cell, i) => (
                  <td
                    key={columns[i]?.author}
                    className={cell.disagreement ? 'score-cell disagreement' : 'score-cell'}
                    data-testid={cell.disagreement ? 'disagreement' : undefined}
                  >
                    {cell.value ? LEVEL_LABELS[cell.value] : '—'}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      {columns.length > 0 ? (
        <div className="compare-summaries">
          {columns.map((column) => (
            <article key={column.author}>
              <h4>{column.isMe ? `${column.author} (you)` : column.author}</h4>
              <p>{column.card.summary.trim() || <span className="muted">No summary.</span>}</p>
            </article>
          ))}
        </div>
      ) : null}
      <p className="compare-pending" data-testid="scorecards-pending">
        {pending.length === 0
          ? 'Every interviewer has submitted.'
          : `Still to submit: ${pending.join(', ')}.`}
      </p>
    </section>
  )
}
