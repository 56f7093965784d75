import type { SessionReport, SessionView } from '@tradeoff/shared'
import { ScorecardCompare } from '../scorecard/ScorecardCompare'
import '../scorecard/scorecard.css'

interface ReviewScorecardsProps {
  report: SessionReport
  view: SessionView
}

/**
 * The submitted scorecards side by side, dimension by dimension, with disagreements of two points
 * or more highlighted (what a debrief should discuss first), and who has yet to submit. The same
 * comparison the interviewers see in the room once they have submitted.
 */
export function ReviewScorecards({ report, view }: ReviewScorecardsProps) {
  const waitingOnMe = view.role === 'interviewer' && report.pendingScorecards.includes(view.name)
  return (
    <section
      className="review-scorecards"
      id="scorecards"
      aria-labelledby="review-scorecards-title"
      data-testid="review-scorecards"
    >
      <h2 id="review-scorecards-title">Scorecards</h2>
      {waitingOnMe ? (
        <p className="review-callout">
          Submit your own scorecard in the room first: the others' stay hidden until you do, so your scores
          are your own.
        </p>
      ) : null}
      <ScorecardCompare
        mine={null}
        others={report.scorecards}
        pending={report.pendingScorecards}
        weighs={report.prompt.weighs}
      />
    </section>
  )
}
