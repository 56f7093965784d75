import type { PromptSummary } from '@tradeoff/shared'
import { useAppStore } from '../state/useAppStore'
import { PromptCard } from './PromptCard'
import { PromptFilters } from './PromptFilters'
import { filterPrompts } from './promptFilter'

interface PromptLibraryProps {
  prompts: readonly PromptSummary[]
  /** The prompt open in the reader, or null. */
  selectedId: string | null
}

/** The prompt library: filters above a list of cards, each a link to its prompt (`/p/<id>`). */
export function PromptLibrary({ prompts, selectedId }: PromptLibraryProps) {
  const filter = useAppStore((s) => s.promptFilter)
  const shown = filterPrompts(prompts, filter)
  return (
    <section className="prompt-library" aria-labelledby="library-title">
      <h2 id="library-title">Prompts</h2>
      <PromptFilters prompts={prompts} shown={shown.length} />
      {shown.length === 0 ? (
        <p className="empty">No prompt matches. Try fewer words or another tag.</p>
      ) : (
        <ul className="prompt-list">
          {shown.map((prompt) => (
            <li key={prompt.id}>
              <PromptCard prompt={prompt} selected={prompt.id === selectedId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
