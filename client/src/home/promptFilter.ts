import type { PromptSummary } from '@tradeoff/shared'
import type { PromptFilterState } from '../state/homeSlice'

/**
 * The prompts that match a filter, in their original order: every word of the query must appear
 * in the title, summary or a tag (case- and accent-insensitive), and the prompt must carry the
 * chosen tag and be pitched at the chosen level.
 */
export function filterPrompts(prompts: readonly PromptSummary[], filter: PromptFilterState): PromptSummary[] {
  const words = normalize(filter.query).split(/\s+/).filter(Boolean)
  return prompts.filter((prompt) => {
    if (filter.tag && !prompt.tags.includes(filter.tag)) return false
    if (filter.level && !prompt.levels.includes(filter.level)) return false
    if (words.length === 0) return true
    const haystack = normalize([prompt.title, prompt.summary, ...prompt.tags].join(' '))
    return words.every((word) => haystack.includes(word))
  })
}

/** Every tag used by the prompts, with how many prompts carry it, sorted by name. */
export function collectTags(prompts: readonly PromptSummary[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>()
  for (const prompt of prompts) {
    for (const tag of prompt.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  }
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => a.tag.localeCompare(b.tag))
}

/** Whether any part of the filter is set. */
export function isFiltering(filter: PromptFilterState): boolean {
  return filter.query.trim() !== '' || filter.tag !== null || filter.level !== null
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}
