import type { Note, SessionView } from '@tradeoff/shared'
import { type ReactNode, useEffect, useRef } from 'react'
import { LevelExpectations } from './LevelExpectations'
import { SaveStateLabel } from './SaveStateLabel'
import { ScorecardCompare } from './ScorecardCompare'
import { ScorecardForm } from './ScorecardForm'
import type { ScorecardsController } from './useScorecards'
import './scorecard.css'

interface ScorecardDialogProps {
  view: SessionView
  scorecards: ScorecardsController
  notes: readonly Note[]
  onClose(): void
}

/**
 * The scorecard, as a modal dialog over the room. Interviewers score on their own first: the
 * others' scorecards appear only once theirs is submitted. Reviewers see every submitted one.
 */
export function ScorecardDialog({ view, scorecards, notes, onClose }: ScorecardDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const { view: cards, loadError, draft, save, submitted } = scorecards
  const interviewer = view.role === 'interviewer'
  const weighs = view.guide?.weighs ?? []

  let body: ReactNode
  if (!cards) {
    body = loadError ? (
      <div className="scorecard-error" role="alert">
        <p>The scorecards could not be loaded: {loadError}</p>
        <button type="button" onClick={scorecards.reload}>
          Try again
        </button>
      </div>
    ) : (
      <p className="muted">Loading the scorecards…</p>
    )
  } else if (interviewer && !submitted) {
    body = (
      <ScorecardForm
        draft={draft}
        update={scorecards.update}
        notes={notes}
        me={view.name}
        weighs={weighs}
        submitting={scorecards.submitting}
        submitError={scorecards.submitError}
        onSubmit={() => void scorecards.submit()}
      />
    )
  } else {
    body = (
      <>
        {interviewer && cards.mine?.submittedAt ? (
          <p className="scorecard-submitted" data-testid="scorecard-submitted">
            You submitted your scorecard at {new Date(cards.mine.submittedAt).toLocaleTimeString()}. It is
            final.
          </p>
        ) : null}
        <ScorecardCompare
          mine={interviewer ? cards.mine : null}
          others={cards.othersVisible ? cards.others : []}
          pending={cards.pending}
          weighs={weighs}
        />
      </>
    )
  }

  return (
    <dialog
      ref={dialogRef}
      className="scorecard"
      data-testid="scorecard"
      aria-labelledby="scorecard-title"
      onClose={onClose}
      // Keys typed here are not the canvas's (Delete, Escape, tool letters).
      onKeyDown={(event) => event.stopPropagation()}
      onKeyUp={(event) => event.stopPropagation()}
    >
      <header className="scorecard-head">
        <h2 id="scorecard-title">
          {interviewer ? (submitted ? 'Scorecards' : 'Your scorecard') : 'Scorecards'}
        </h2>
        {interviewer && !submitted && cards ? (
          <SaveStateLabel status={save} hasDraft={cards.mine !== null} onRetry={scorecards.retrySave} />
        ) : null}
        <button type="button" className="icon-button" aria-label="Close the scorecard" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="scorecard-body">
        {view.guide ? (
          <LevelExpectations expectations={view.guide.levelExpectations} open={interviewer && !submitted} />
        ) : null}
        {body}
      </div>
    </dialog>
  )
}
