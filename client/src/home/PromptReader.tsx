import type { Prompt } from '@tradeoff/shared'
import type { ReactNode } from 'react'
import { BriefSection } from '../room/BriefSection'
import { GuideSections } from '../room/GuideSections'
import { levelLabel } from './PromptFilters'

interface PromptReaderProps {
  prompt: Prompt
  /** Shown between the prompt's header and its text: the session form, or the created links. */
  children?: ReactNode
}

/** A whole prompt: the candidate's brief, requirements and scale, then the interviewer guide. */
export function PromptReader({ prompt, children }: PromptReaderProps) {
  return (
    <article className="prompt-reader" aria-labelledby="reader-title" data-testid="prompt-reader">
      <header className="prompt-reader-head">
        <h2 id="reader-title">{prompt.title}</h2>
        <p className="lead">{prompt.summary}</p>
        <p className="prompt-card-meta">
          <span>{prompt.durationMinutes} min</span>
          <span>{prompt.levels.map(levelLabel).join(', ')}</span>
          <span>{prompt.tags.join(' · ')}</span>
        </p>
      </header>
      {children}
      <section className="reader-section" aria-labelledby="reader-brief">
        <h3 id="reader-brief">Candidate's brief</h3>
        <BriefSection prompt={prompt} />
      </section>
      <section className="reader-section" aria-labelledby="reader-guide">
        <h3 id="reader-guide">
          Interviewer guide <span className="muted">· never shown to the candidate</span>
        </h3>
        <GuideSections
          guide={prompt}
          hints={
            <ol className="hint-list">
              {prompt.hints.map((hint) => (
                <li key={hint} className="hint">
                  {hint}
                </li>
              ))}
            </ol>
          }
        />
      </section>
    </article>
  )
}
