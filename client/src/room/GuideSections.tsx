import type { ReactNode } from 'react'
import { FollowUpActions } from '../notes/FollowUpActions'
import { dimensionLabel, type FollowUp, groupFollowUps } from './followUps'

/** What the interviewer guide holds, from a whole prompt or from a session's guide. */
export interface GuideContent {
  weighs: readonly string[]
  phases: ReadonlyArray<{ name: string; minutes: number; goal: string }>
  followUps: readonly FollowUp[]
  levelExpectations: { mid: string; senior: string; staff: string }
}

interface GuideSectionsProps {
  guide: GuideContent
  /** The hints block, which differs between reading a prompt and running a session. */
  hints: ReactNode
  /** The phase the session is in, highlighted in the plan. */
  currentPhaseIndex?: number
}

const LEVEL_LABELS = { mid: 'Mid-level', senior: 'Senior', staff: 'Staff' } as const

/**
 * The interviewer guide: what the round weighs, the phase plan with each phase's goal, the
 * hints, follow-up questions by rubric dimension and what each level is expected to show. In a
 * live session (inside the notes panel's context) each follow-up can be ticked as asked and
 * turned into a note.
 */
export function GuideSections({ guide, hints, currentPhaseIndex }: GuideSectionsProps) {
  return (
    <div className="guide" data-testid="guide">
      <section>
        <h4>Weighs most</h4>
        <ul className="chips">
          {guide.weighs.map((id) => (
            <li key={id} className="chip">
              {dimensionLabel(id)}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4>Phases</h4>
        <ol className="guide-phases">
          {guide.phases.map((phase, index) => (
            <li
              key={phase.name}
              className={index === currentPhaseIndex ? 'current' : undefined}
              aria-current={index === currentPhaseIndex ? 'step' : undefined}
            >
              <div className="guide-phase-head">
                <span>{phase.name}</span>
                <span className="muted">{phase.minutes} min</span>
              </div>
              <p>{phase.goal}</p>
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h4>Hints</h4>
        {hints}
      </section>
      <section>
        <h4>Follow-up questions</h4>
        {groupFollowUps(guide.followUps, guide.weighs).map((group) => (
          <details key={group.dimension} className="follow-up-group" open={group.weighed}>
            <summary>
              {group.label}
              {group.weighed ? <span className="chip chip-accent">weighed</span> : null}
              <span className="muted"> · {group.followUps.length}</span>
            </summary>
            <ul>
              {group.followUps.map((followUp) => (
                <li key={followUp.question}>
                  <p>{followUp.question}</p>
                  {followUp.lookFor ? (
                    <p className="look-for">
                      <span>Look for:</span> {followUp.lookFor}
                    </p>
                  ) : null}
                  <FollowUpActions
                    index={guide.followUps.indexOf(followUp)}
                    question={followUp.question}
                    dimension={followUp.dimension}
                  />
                </li>
              ))}
            </ul>
          </details>
        ))}
      </section>
      <section>
        <h4>Level expectations</h4>
        <dl className="levels">
          {(['mid', 'senior', 'staff'] as const).map((level) => (
            <div key={level}>
              <dt>{LEVEL_LABELS[level]}</dt>
              <dd>{guide.levelExpectations[level]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  )
}
