import type { SessionState, SessionView } from '@tradeoff/shared'
import type { ReactNode } from 'react'
import type { SessionControl } from '../session/useSessionControl'
import { useAppStore } from '../state/useAppStore'
import { PromptIcon } from '../ui/icons'
import { defaultPanelOpen } from '../ui/panelFold'
import { BriefSection } from './BriefSection'
import { GuideSections } from './GuideSections'
import { HintControls } from './HintControls'
import { roleLabel } from './PeopleList'
import { RevealedHints } from './RevealedHints'

interface PromptPanelProps {
  view: SessionView
  state: SessionState
  /** The interviewer's controls; null for candidates and reviewers. */
  control: SessionControl | null
  /** Shown first in the drawer: a candidate's welcome before the round starts. */
  arrival?: ReactNode
}

/**
 * The left column of the room, beside the canvas: the brief, requirements, scale and revealed
 * hints for everyone; for interviewers and reviewers also the guide (hints with their status,
 * follow-ups by dimension, level expectations). Who is here shows at the top of the room
 * (PresenceBar). It folds to a thin rail; this browser remembers which.
 */
export function PromptPanel({ view, state, control, arrival }: PromptPanelProps) {
  const remembered = useAppStore((s) => s.promptPanelOpen)
  const setOpen = useAppStore((s) => s.setPromptPanelOpen)
  const open = remembered ?? defaultPanelOpen('prompt', view.role, window.innerWidth)
  const revealed = state.revealedHints

  if (!open) {
    return (
      <button
        type="button"
        className="panel-rail prompt-rail"
        data-testid="prompt-panel-open"
        aria-expanded={false}
        title={view.guide ? 'Show the prompt and guide' : 'Show the prompt'}
        onClick={() => setOpen(true)}
      >
        <PromptIcon />
        <span className="rail-label">{view.guide ? 'Prompt & guide' : 'Prompt'}</span>
        {revealed.length > 0 ? (
          <span className="tab-count">
            {revealed.length}
            <span className="visually-hidden"> {revealed.length === 1 ? 'hint' : 'hints'} revealed</span>
          </span>
        ) : null}
      </button>
    )
  }

  const { guide } = view
  return (
    <aside id="prompt-panel" className="prompt-panel" data-testid="prompt-panel" aria-label="Prompt">
      <header className="prompt-panel-head">
        <div>
          <h2>{view.title}</h2>
          {view.title !== view.prompt.title ? (
            <p className="prompt-panel-subtitle">{view.prompt.title}</p>
          ) : null}
          <p className="muted">
            {view.name === roleLabel(view.role) ? view.name : `${view.name} · ${roleLabel(view.role)}`}
            {view.role === 'reviewer' ? ' · watching, read-only' : null}
          </p>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Hide the prompt"
          aria-expanded={true}
          aria-controls="prompt-panel"
          onClick={() => setOpen(false)}
        >
          «
        </button>
      </header>
      <div className="prompt-panel-body">
        {arrival}
        <section aria-labelledby="brief-title">
          <h3 id="brief-title">{guide ? "Candidate's brief" : 'Brief'}</h3>
          <RevealedHints hints={revealed} />
          <BriefSection prompt={view.prompt} />
        </section>
        {guide ? (
          <section aria-labelledby="guide-title" className="guide-block">
            <h3 id="guide-title">
              Interviewer guide <span className="muted">· not shown to the candidate</span>
            </h3>
            <GuideSections
              guide={guide}
              currentPhaseIndex={state.phaseIndex}
              hints={
                <HintControls
                  hints={guide.hints}
                  revealed={revealed}
                  busy={control?.pending === 'revealHint'}
                  onRevealNext={control ? () => void control.send('revealHint') : undefined}
                />
              }
            />
            {control?.error?.action === 'revealHint' ? (
              <p role="alert" className="error-text">
                {control.error.message}
              </p>
            ) : null}
          </section>
        ) : null}
      </div>
    </aside>
  )
}
