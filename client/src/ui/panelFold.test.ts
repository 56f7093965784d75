import { describe, expect, it } from 'vitest'
import { defaultPanelOpen, readPanelOpen, rememberPanelOpen } from './panelFold'

function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  }
}

describe('folding panels', () => {
  it('remembers each panel on its own', () => {
    const storage = memoryStorage()
    expect(readPanelOpen(storage, 'prompt')).toBeNull()
    rememberPanelOpen(storage, 'prompt', false)
    rememberPanelOpen(storage, 'notes', true)
    expect(readPanelOpen(storage, 'prompt')).toBe(false)
    expect(readPanelOpen(storage, 'notes')).toBe(true)
  })

  it('opens the brief for the candidate and the notes for interviewers on a laptop', () => {
    expect(defaultPanelOpen('prompt', 'candidate', 1280)).toBe(true)
    expect(defaultPanelOpen('prompt', 'interviewer', 1280)).toBe(false)
    expect(defaultPanelOpen('notes', 'interviewer', 1280)).toBe(true)
    expect(defaultPanelOpen('prompt', 'reviewer', 1280)).toBe(false)
  })

  it('opens both for interviewers only when the canvas keeps 60 % of the window', () => {
    expect(defaultPanelOpen('prompt', 'interviewer', 1909)).toBe(false)
    expect(defaultPanelOpen('prompt', 'interviewer', 1910)).toBe(true)
  })
})
