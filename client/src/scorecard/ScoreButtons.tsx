import { SCORE_LABELS, type Score } from '@tradeoff/shared'

const POINTS = [1, 2, 3, 4] as const

interface ScoreButtonsProps {
  /** undefined: not scored yet; null: no evidence. */
  value: Score | undefined
  onChange(score: Score): void
  /** Prefix of each button's test id: `<prefix>-1` ... `<prefix>-4`, `<prefix>-none`. */
  testId: string
  label: string
  /** Offer "No evidence" (dimensions) or not (the overall recommendation). */
  allowNoEvidence: boolean
  disabled?: boolean
}

/** The four-point scale as a row of buttons, plus "No evidence" where it applies. */
export function ScoreButtons({
  value,
  onChange,
  testId,
  label,
  allowNoEvidence,
  disabled,
}: ScoreButtonsProps) {
  return (
    <fieldset className="score-buttons" disabled={disabled}>
      <legend className="visually-hidden">{label}</legend>
      {POINTS.map((point) => (
        <button
          key={point}
          type="button"
          className={`score-button score-${point}`}
          data-testid={`${testId}-${point}`}
          aria-pressed={value === point}
          onClick={() => onChange(point)}
        >
          <span className="score-point">{point}</span> {SCORE_LABELS[point]}
        </button>
      ))}
      {allowNoEvidence ? (
        <button
          type="button"
          className="score-button score-none"
          data-testid={`${testId}-none`}
          aria-pressed={value === null}
          onClick={() => onChange(null)}
        >
          No evidence
        </button>
      ) : null}
    </fieldset>
  )
}

/** A score as text: `3 · Yes`, `no evidence`, or `—` when not scored. */
export function scoreText(score: Score | undefined): string {
  if (score === undefined) return '—'
  if (score === null) return 'no evidence'
  return `${score} · ${SCORE_LABELS[score]}`
}
