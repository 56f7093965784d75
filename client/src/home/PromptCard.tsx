import type { PromptSummary } from '@tradeoff/shared'
import { useEffect, useRef } from 'react'
import { Link } from 'wouter'
import { levelLabel } from './PromptFilters'

interface PromptCardProps {
  prompt: PromptSummary
  selected: boolean
}

/** The address of a prompt, open in the home page's library: a link one can send. */
export function promptPath(id: string): string {
  return `/p/${encodeURIComponent(id)}`
}

/** One prompt in the library list: a link that opens it in the reader. */
export function PromptCard({ prompt, selected }: PromptCardProps) {
  const ref = useRef<HTMLAnchorElement>(null)
  // A prompt opened from its address is brought into the library's view once, when it appears.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on the card's first render
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  return (
    <Link
      ref={ref}
      href={promptPath(prompt.id)}
      className={selected ? 'prompt-card selected' : 'prompt-card'}
      aria-current={selected ? 'page' : undefined}
      data-testid={`prompt-card-${prompt.id}`}
    >
      <span className="prompt-card-title">{prompt.title}</span>
      <span className="prompt-card-summary">{prompt.summary}</span>
      <span className="prompt-card-meta">
        <span>{prompt.durationMinutes} min</span>
        <span>{prompt.levels.map(levelLabel).join(', ')}</span>
      </span>
      <span className="chips">
        {prompt.tags.map((tag) => (
          <span key={tag} className="chip">
            {tag}
          </span>
        ))}
      </span>
    </Link>
  )
}
