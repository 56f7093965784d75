import { formatRoundClock, type SessionState, type SessionView } from '@tradeoff/shared'
import { useState } from 'react'

/**
 * The candidate's closing screen once an interviewer has ended the round: it says the round is
 * over, when on the clock, that the board is final and kept as it is, and that the tab can be
 * closed. They may still look at the final board, which no longer takes edits.
 */
export function RoundEnded({ view, state }: { view: SessionView; state: SessionState }) {
  const [dismissed, setDismissed] = useState(false)
  if (dismissed) {
    return (
      <p className="round-ended-strip" data-testid="round-ended-strip" role="status">
        The round is over · the board is final
      </p>
    )
  }
  return (
    <div className="round-ended-backdrop">
      <section
        className="round-ended"
        data-testid="round-ended"
        role="dialog"
        aria-modal="true"
        aria-labelledby="round-ended-title"
      >
        <h2 id="round-ended-title">The round is over</h2>
        <p>
          Thank you, {view.name}. Your interviewer ended the round at{' '}
          <strong>{formatRoundClock(state.accumulatedMs)}</strong> on the clock.
        </p>
        <p>
          The board is final: it is kept exactly as it is now for the interviewers, and nothing more can be
          drawn on it. You can close this tab.
        </p>
        <button type="button" onClick={() => setDismissed(true)}>
          See the final board
        </button>
      </section>
    </div>
  )
}
