import type { PhaseView } from '@tradeoff/shared'

interface PhasePlanProps {
  phases: readonly PhaseView[]
  phaseIndex: number
  /** Time spent in the current phase, in ms, to fill its segment. */
  phaseElapsedMs: number
}

/**
 * The round's plan as a bar of phases, each as wide as its planned minutes: done phases filled,
 * the current one filling as its time passes, later ones empty.
 */
export function PhasePlan({ phases, phaseIndex, phaseElapsedMs }: PhasePlanProps) {
  return (
    <ol className="phase-plan" aria-label="Phase plan">
      {phases.map((phase, index) => {
        const status = index < phaseIndex ? 'done' : index === phaseIndex ? 'current' : 'upcoming'
        const fill =
          status === 'done'
            ? 1
            : status === 'current'
              ? Math.min(1, phaseElapsedMs / (phase.minutes * 60_000))
              : 0
        const label = `${index + 1}. ${phase.name}, ${phase.minutes} min`
        return (
          <li
            key={phase.name}
            className={`phase-segment phase-${status}`}
            style={{ flexGrow: phase.minutes }}
            title={label}
            aria-current={status === 'current' ? 'step' : undefined}
          >
            <span className="phase-fill" style={{ width: `${fill * 100}%` }} />
            <span className="visually-hidden">
              {label}
              {status === 'done' ? ', done' : status === 'current' ? ', current' : ''}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
