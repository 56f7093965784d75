import { LEVELS, type Level, type PromptSummary } from '@tradeoff/shared'
import { useAppStore } from '../state/useAppStore'
import { collectTags, isFiltering } from './promptFilter'

const LEVEL_LABELS: Record<Level, string> = { mid: 'Mid-level', senior: 'Senior', staff: 'Staff' }

/** Search box, tag and level pickers of the prompt library. */
export function PromptFilters({ prompts, shown }: { prompts: readonly PromptSummary[]; shown: number }) {
  const filter = useAppStore((s) => s.promptFilter)
  const setFilter = useAppStore((s) => s.setPromptFilter)
  const clear = useAppStore((s) => s.clearPromptFilter)
  return (
    <div className="prompt-filters">
      <label className="field">
        <span>Search</span>
        <input
          type="search"
          placeholder="Title, topic or tag"
          value={filter.query}
          onChange={(event) => setFilter({ query: event.target.value })}
          data-testid="prompt-search"
        />
      </label>
      <div className="filter-row">
        <label className="field">
          <span>Tag</span>
          <select
            value={filter.tag ?? ''}
            onChange={(event) => setFilter({ tag: event.target.value || null })}
            data-testid="prompt-tag"
          >
            <option value="">Any tag</option>
            {collectTags(prompts).map(({ tag, count }) => (
              <option key={tag} value={tag}>
                {tag} ({count})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Level</span>
          <select
            value={filter.level ?? ''}
            onChange={(event) => setFilter({ level: toLevel(event.target.value) })}
            data-testid="prompt-level"
          >
            <option value="">Any level</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="filter-summary muted" aria-live="polite">
        {shown === prompts.length ? `${prompts.length} prompts` : `${shown} of ${prompts.length} prompts`}
        {isFiltering(filter) ? (
          <button type="button" className="link-button" onClick={clear}>
            Clear filters
          </button>
        ) : null}
      </p>
    </div>
  )
}

function toLevel(value: string): Level | null {
  return (LEVELS as readonly string[]).includes(value) ? (value as Level) : null
}

/** A level's name for people. */
export function levelLabel(level: Level): string {
  return LEVEL_LABELS[level]
}
