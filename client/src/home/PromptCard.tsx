import type { PromptSummary } from '@tradeoff/shared'
import { levelLabel } from './PromptFilters'

interface PromptCardProps {
  prompt: PromptSummary
  selected: boolean
  onSelect: (id: string) => void
}

/** One prompt in the library list; choosing it opens it in the reader. */
export function PromptCard({ prompt, selected, onSelect }: PromptCardProps) {
  return (
    <button
      type="button"
      className={selected ? 'prompt-card selected' : 'prompt-card'}
      aria-pressed={selected}
      data-testid={`prompt-card-${prompt.id}`}
      onClick={() => onSelect(prompt.id)}
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
    </button>
  )
}
