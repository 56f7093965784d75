import type { Level } from '@tradeoff/shared'
import type { StateCreator } from 'zustand'

/** What the home page's prompt library is filtered by. */
export interface PromptFilterState {
  /** Free text matched against title, summary and tags. */
  query: string
  /** A tag every shown prompt has, or null for any. */
  tag: string | null
  /** A level every shown prompt is pitched at, or null for any. */
  level: Level | null
}

export interface HomeSlice {
  promptFilter: PromptFilterState
  setPromptFilter(change: Partial<PromptFilterState>): void
  clearPromptFilter(): void
}

const NO_FILTER: PromptFilterState = { query: '', tag: null, level: null }

/** The home page's local state: the library's filters (the prompt being read is in the address). */
export const createHomeSlice: StateCreator<HomeSlice, [], [], HomeSlice> = (set) => ({
  promptFilter: NO_FILTER,
  setPromptFilter: (change) => set((state) => ({ promptFilter: { ...state.promptFilter, ...change } })),
  clearPromptFilter: () => set({ promptFilter: NO_FILTER }),
})
