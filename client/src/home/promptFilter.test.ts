import type { PromptSummary } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { collectTags, filterPrompts, isFiltering } from './promptFilter'

const prompts: PromptSummary[] = [
  {
    id: 'messaging-app',
    title: 'Messaging app backend',
    summary: 'Design the backend for a chat app with 10,000 concurrent users.',
    tags: ['messaging', 'real-time', 'websockets'],
    levels: ['mid', 'senior', 'staff'],
    durationMinutes: 45,
  },
  {
    id: 'url-shortener',
    title: 'URL shortener',
    summary: 'Design a service that turns long links into short ones.',
    tags: ['web', 'caching'],
    levels: ['mid', 'senior'],
    durationMinutes: 45,
  },
  {
    id: 'stock-exchange',
    title: 'Stock exchange',
    summary: 'Design a low-latency matching engine for a café of traders.',
    tags: ['low-latency', 'finance'],
    levels: ['senior', 'staff'],
    durationMinutes: 60,
  },
]

const ids = (list: PromptSummary[]) => list.map((p) => p.id)
const none = { query: '', tag: null, level: null }

describe('filterPrompts', () => {
  it('shows everything without a filter', () => {
    expect(ids(filterPrompts(prompts, none))).toEqual(['messaging-app', 'url-shortener', 'stock-exchange'])
  })

  it('matches every query word in title, summary or tags, ignoring case', () => {
    expect(ids(filterPrompts(prompts, { ...none, query: 'CHAT backend' }))).toEqual(['messaging-app'])
    expect(ids(filterPrompts(prompts, { ...none, query: 'caching' }))).toEqual(['url-shortener'])
    expect(ids(filterPrompts(prompts, { ...none, query: 'chat caching' }))).toEqual([])
  })

  it('ignores accents', () => {
    expect(ids(filterPrompts(prompts, { ...none, query: 'cafe' }))).toEqual(['stock-exchange'])
  })

  it('filters by tag and by level together', () => {
    expect(ids(filterPrompts(prompts, { ...none, level: 'staff' }))).toEqual([
      'messaging-app',
      'stock-exchange',
    ])
    expect(ids(filterPrompts(prompts, { ...none, tag: 'web', level: 'staff' }))).toEqual([])
    expect(ids(filterPrompts(prompts, { ...none, tag: 'web', level: 'mid' }))).toEqual(['url-shortener'])
  })
})

describe('collectTags', () => {
  it('lists each tag once with its count, by name', () => {
    const tags = collectTags([...prompts, { ...prompts[1], id: 'other', tags: ['web'] } as PromptSummary])
    expect(tags[0]).toEqual({ tag: 'caching', count: 1 })
    expect(tags.find((t) => t.tag === 'web')).toEqual({ tag: 'web', count: 2 })
  })
})

describe('isFiltering', () => {
  it('is false for blank filters', () => {
    expect(isFiltering({ ...none, query: '  ' })).toBe(false)
    expect(isFiltering({ ...none, level: 'mid' })).toBe(true)
  })
})
