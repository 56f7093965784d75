import { useMemo, useState } from 'react'
import { formatClock } from '../session/clock'
import { ThemeToggle } from '../ui/ThemeToggle'
import { ExportButtons } from './ExportButtons'
import { ReviewBoardArea } from './ReviewBoardArea'
import { ReviewNotes } from './ReviewNotes'
import { ReviewScorecards } from './ReviewScorecards'
import type { ReviewBoard } from './reviewBoard'
import { createReviewStore } from './reviewStore'
import { Timeline } from './Timeline'
import { sortNotes } from './timeline'
import type { ReviewData } from './useReviewData'

interface ReviewScreenProps {
  data: ReviewData
  token: string
  onDeleted: () => void
}

/**
 * The review screen: the board at the chosen moment over the timeline, the notes beside them,
 * the exports above and the scorecards below. It opens at the end of the recording, on the
 * finished board.
 */
export function ReviewScreen({ data, token, onDeleted }: ReviewScreenProps) {
  const { view, report } = data
  const [store] = useState(() => createReviewStore(report.session.endedAt))
  const [board, setBoard] = useState<ReviewBoard | null>(null)
  const notes = useMemo(() => sortNotes(report.notes), [report.notes])
  const roleName = view.role === 'interviewer' ? `${view.name} (interviewer)` : 'reviewer'

  return (
    <div className="review" data-testid="review">
      <div className="review-top">
        <header className="review-header">
          <div className="review-title">
            <a href="/" className="review-home" aria-label="Tradeoff home">
              Tradeoff
            </a>
            <div>
              <h1>{report.session.title}</h1>
              <p className="muted">
                {report.prompt.title !== report.session.title ? `${report.prompt.title} · ` : ''}
                Recorded {formatDate(report.session.createdAt)} · {formatClock(report.session.endedAt)} long ·
                as {roleName}
                {' · '}
                <a href="#scorecards">Scorecards ↓</a>
              </p>
            </div>
          </div>
          <div className="review-header-actions">
            <ThemeToggle />
            <ExportButtons view={view} token={token} board={board} store={store} onDeleted={onDeleted} />
          </div>
        </header>
        <div className="review-workspace">
          <div className="review-stage">
            <ReviewBoardArea
              sessionId={view.id}
              token={token}
              initialBoard={data.board}
              history={data.history}
              store={store}
              onBoard={setBoard}
            />
            <Timeline report={report} notes={notes} store={store} />
          </div>
          <ReviewNotes notes={notes} store={store} />
        </div>
      </div>
      <ReviewScorecards report={report} view={view} />
    </div>
  )
}

function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
