import { LEVELS, type Note, type ScorecardBody } from '@tradeoff/shared'
import { useState } from 'react'
import { rubricDimensions } from '../notes/dimensions'
import { notesOn } from '../notes/noteModel'
import { SignalMark } from '../notes/SignalMark'
import { formatClock } from '../session/clock'
import { LEVEL_LABELS } from './LevelExpectations'
import { ScoreButtons } from './ScoreButtons'
import { draftGaps } from './scorecardDraft'

interface ScorecardFormProps {
  draft: ScorecardBody
  update(change: Partial<ScorecardBody>): void
  notes: readonly Note[]
  me: string
  weighs: readonly string[]
  submitting: boolean
  submitError: string | null
  onSubmit(): void
}

/**
 * An interviewer's scorecard while it is a draft: each rubric dimension (weighed ones marked)
 * scored 1-4 or "no evidence" with the notes taken on it as evidence, then the overall
 * recommendation, a level and a summary. Submitting asks for confirmation: it is final.
 */
export function ScorecardForm({
  draft,
  update,
  notes,
  me,
  weighs,
  submitting,
  submitError,
  onSubmit,
}: ScorecardFormProps) {
  const [confirming, setConfirming] = useState(false)
  const gaps = draftGaps(draft)
  // In the rubric's order, as the comparison shows them after submitting.
  const dimensions = rubricDimensions(weighs)

  return (
    <div className="scorecard-form">
      {dimensions.map((dimension) => {
        const evidence = notesOn(notes, dimension.id)
        return (
          <section key={dimension.id} className="score-row" data-dimension={dimension.id}>
            <div className="score-row-head">
              <h3>{dimension.label}</h3>
              {dimension.weighed ? <span className="chip chip-accent">weighed</span> : null}
            </div>
            <ScoreButtons
              label={dimension.label}
              testId={`score-${dimension.id}`}
              value={draft.scores[dimension.id]}
              allowNoEvidence={true}
              onChange={(score) => update({ scores: { ...draft.scores, [dimension.id]: score } })}
            />
            {evidence.length > 0 ? (
              <ul className="evidence" aria-label={`Notes on ${dimension.label}`}>
                {evidence.map((note) => (
                  <li key={note.id}>
                    <span className="evidence-time">{formatClock(note.at)}</span>
                    <SignalMark signal={note.signal} />
                    <span className="evidence-text">
                      {note.text}
                      {note.author === me ? null : <span className="muted"> · {note.author}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="evidence-none muted">No notes on this dimension.</p>
            )}
          </section>
        )
      })}

      <section className="score-row score-overall">
        <div className="score-row-head">
          <h3>Overall recommendation</h3>
        </div>
        <ScoreButtons
          label="Overall recommendation"
          testId="scorecard-overall"
          value={draft.overall}
          allowNoEvidence={false}
          onChange={(overall) => update({ overall })}
        />
      </section>

      <section className="score-row">
        <div className="score-row-head">
          <h3>Level</h3>
        </div>
        <fieldset className="score-buttons">
          <legend className="visually-hidden">Level</legend>
          {LEVELS.map((level) => (
            <button
              key={level}
              type="button"
              className="score-button"
              data-testid={`scorecard-level-${level}`}
              aria-pressed={draft.level === level}
              onClick={() => update({ level: draft.level === level ? null : level })}
            >
              {LEVEL_LABELS[level]}
            </button>
          ))}
        </fieldset>
      </section>

      <section className="score-row">
        <label className="score-row-head" htmlFor="scorecard-summary">
          <h3>Summary</h3>
        </label>
        <textarea
          id="scorecard-summary"
          data-testid="scorecard-summary"
          rows={5}
          maxLength={20_000}
          placeholder="What the candidate showed, with the moments that back it up."
          value={draft.summary}
          onChange={(event) => update({ summary: event.target.value })}
        />
      </section>

      <footer className="scorecard-submit">
        {confirming ? (
          <div className="scorecard-confirm" role="alertdialog" aria-labelledby="scorecard-confirm-title">
            <p id="scorecard-confirm-title">
              <strong>Submit your scorecard?</strong> This is final: you cannot change it afterwards, and you
              will then see the other interviewers’ scorecards.
            </p>
            {gaps.unscored.length > 0 || gaps.level || gaps.summary ? (
              <ul className="scorecard-gaps">
                {gaps.unscored.length > 0 ? (
                  <li>
                    {gaps.unscored.length} dimension{gaps.unscored.length === 1 ? ' is' : 's are'} not scored
                    (neither a score nor “no evidence”).
                  </li>
                ) : null}
                {gaps.level ? <li>No level chosen.</li> : null}
                {gaps.summary ? <li>No summary written.</li> : null}
              </ul>
            ) : null}
            <div className="scorecard-confirm-actions">
              <button
                // biome-ignore lint/a11y/noAutofocus: the person just asked to submit; this is the answer
                autoFocus
                type="button"
                className="primary"
                data-testid="scorecard-confirm"
                disabled={submitting}
                onClick={onSubmit}
              >
                {submitting ? 'Submitting…' : 'Submit for good'}
              </button>
              <button type="button" disabled={submitting} onClick={() => setConfirming(false)}>
                Keep editing
              </button>
            </div>
          </div>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              data-testid="scorecard-submit"
              disabled={gaps.overall}
              onClick={() => setConfirming(true)}
            >
              Submit…
            </button>
            <span className="muted">
              {gaps.overall
                ? 'Choose an overall recommendation to submit.'
                : 'The others’ scorecards stay hidden until you submit yours.'}
            </span>
          </>
        )}
        {submitError ? (
          <p className="error-text" role="alert">
            {submitError}
          </p>
        ) : null}
      </footer>
    </div>
  )
}
