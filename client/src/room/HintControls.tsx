interface HintControlsProps {
  hints: readonly string[]
  revealed: readonly string[]
  /** Reveals the next hint to the candidate; absent for those who may not (reviewers). */
  onRevealNext?: () => void
  busy?: boolean
}

/**
 * The interviewer's hint list: which hints the candidate already sees, which comes next, and a
 * button that reveals it (hints are revealed in order, one at a time).
 */
export function HintControls({ hints, revealed, onRevealNext, busy = false }: HintControlsProps) {
  const nextIndex = hints.findIndex((hint) => !revealed.includes(hint))
  return (
    <div className="hint-controls">
      <ol className="hint-list">
        {hints.map((hint, index) => {
          const shown = revealed.includes(hint)
          const status = shown ? 'revealed' : index === nextIndex ? 'next' : 'hidden'
          return (
            <li key={hint} className={`hint hint-${status}`} data-revealed={shown}>
              <span className="hint-status">{STATUS_LABELS[status]}</span>
              {hint}
            </li>
          )
        })}
      </ol>
      {onRevealNext ? (
        <button
          type="button"
          className="secondary"
          data-testid="reveal-hint"
          onClick={onRevealNext}
          disabled={busy || nextIndex < 0}
        >
          {nextIndex < 0
            ? 'All hints revealed'
            : busy
              ? 'Revealing…'
              : `Reveal hint ${nextIndex + 1} to the candidate`}
        </button>
      ) : null}
    </div>
  )
}

const STATUS_LABELS = { revealed: 'Revealed', next: 'Next', hidden: 'Not revealed' } as const
