/**
 * The hints the interviewer has revealed so far, as the candidate sees them. The list is there
 * even while empty, so screen readers announce each hint as it arrives.
 */
export function RevealedHints({ hints }: { hints: readonly string[] }) {
  return (
    <section className="revealed-hints" aria-label="Hints from the interviewer">
      {hints.length > 0 ? <h4>Hints from the interviewer</h4> : null}
      <ol data-testid="revealed-hints" aria-live="polite">
        {hints.map((hint) => (
          <li key={hint}>{hint}</li>
        ))}
      </ol>
    </section>
  )
}
