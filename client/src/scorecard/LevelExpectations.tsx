import { LEVELS } from '@tradeoff/shared'

/** The levels as people name them. */
export const LEVEL_LABELS = { mid: 'Mid-level', senior: 'Senior', staff: 'Staff' } as const

/** What this prompt expects of each level, in a foldable block above the scores. */
export function LevelExpectations({
  expectations,
  open,
}: {
  expectations: { mid: string; senior: string; staff: string }
  /** Unfolded at first: while scoring, yes; when comparing, the table matters more. */
  open: boolean
}) {
  return (
    <details className="level-expectations" open={open}>
      <summary>What each level should show on this prompt</summary>
      <dl>
        {LEVELS.map((level) => (
          <div key={level}>
            <dt>{LEVEL_LABELS[level]}</dt>
            <dd>{expectations[level]}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
