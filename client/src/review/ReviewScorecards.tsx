import { SCORE_LABELS, type Score, type SessionReport, type SessionView } from '@tradeoff/shared'
import { levelLabel } from '../home/PromptFilters'
import { scorecardTable } from './scorecardTable'

interface ReviewScorecardsProps {
  report: SessionReport
  view: SessionView
}

/**
 * The submitted scorecards side by side, dimension by dimension, with disagreements of two points
 * or more highlighted (what a debrief should discuss first), and who has yet to submit.
 */
export function ReviewScorecards({ report, view }: ReviewScorecardsProps) {
  const table = scorecardTable(report.scorecards, report.prompt.weighs)
  const pending = report.pendingScorecards
  const waitingOnMe = view.role === 'interviewer' && pending.includes(view.name)
  const flaggedCount =
    table.dimensions.filter((row) => row.disagreement).length +
    (table.overall.disagreement ? 1 : 0) +
    (table.level.disagreement ? 1 : 0)
  return (
    <section
      className="review-scorecards"
      id="scorecards"
      aria-labelledby="review-scorecards-title"
      data-testid="review-scorecards"
    >
      <h2 id="review-scorecards-title">Scorecards</h2>
      <p className="muted">
        {table.authors.length === 0
          ? 'No scorecard has been submitted yet.'
          : `${table.authors.length} submitted. ${
              flaggedCount === 0
                ? 'No disagreement of two points or more.'
                : `${flaggedCount} ${flaggedCount === 1 ? 'row where scores are' : 'rows where scores are'} two points or more apart: start the debrief there.`
            }`}
        {pending.length > 0 ? (
          <>
            {' '}
            <span data-testid="pending-scorecards">Still to submit: {pending.join(', ')}.</span>
          </>
        ) : null}
      </p>
      {waitingOnMe ? (
        <p className="review-callout">
          Submit your own scorecard in the room first: the others' stay hidden until you do, so your scores
          are your own.
        </p>
      ) : null}
      {table.authors.length > 0 ? (
        <div className="scorecard-table-wrap">
          <table className="scorecard-table">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                {table.authors.map((author) => (
                  <th key={author} scope="col">
                    {author}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.dimensions.map((row) => (
                <tr
                  key={row.dimension}
                  className={row.disagreement ? 'is-disagreement' : undefined}
                  data-testid={row.disagreement ? 'disagreement' : undefined}
                  data-dimension={row.dimension}
                >
                  <th scope="row">
                    {row.label}
                    {row.weighed ? <span className="chip chip-accent">weighed</span> : null}
                    {row.disagreement ? <span className="disagreement-flag">2+ apart</span> : null}
                  </th>
                  {row.values.map((value, i) => (
                    <td key={table.authors[i]}>{scoreText(value)}</td>
                  ))}
                </tr>
              ))}
              <tr className={`scorecard-total${table.overall.disagreement ? ' is-disagreement' : ''}`}>
                <th scope="row">
                  Overall recommendation
                  {table.overall.disagreement ? <span className="disagreement-flag">2+ apart</span> : null}
                </th>
                {table.overall.values.map((value, i) => (
                  <td key={table.authors[i]}>{scoreText(value)}</td>
                ))}
              </tr>
              <tr className={table.level.disagreement ? 'is-disagreement' : undefined}>
                <th scope="row">
                  Level
                  {table.level.disagreement ? <span className="disagreement-flag">mid vs staff</span> : null}
                </th>
                {table.level.values.map((value, i) => (
                  <td key={table.authors[i]}>
                    {value ? levelLabel(value) : <span className="muted">—</span>}
                  </td>
                ))}
              </tr>
              <tr className="scorecard-summary">
                <th scope="row">Summary</th>
                {table.summaries.map((summary, i) => (
                  <td key={table.authors[i]}>{summary || <span className="muted">—</span>}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

function scoreText(value: Score | undefined) {
  if (value === undefined) return <span className="muted">not scored</span>
  if (value === null) return <span className="muted">no evidence</span>
  return (
    <span className={`score score-${value}`}>
      <strong>{value}</strong> {SCORE_LABELS[value]}
    </span>
  )
}
