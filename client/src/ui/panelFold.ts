import type { Role } from '@tradeoff/shared'

/** The room's panels that fold to a rail: the prompt drawer (left) and the notes (right). */
export type FoldingPanel = 'prompt' | 'notes'

const KEYS: Record<FoldingPanel, string> = {
  prompt: 'tradeoff.panel.prompt',
  notes: 'tradeoff.panel.notes',
}

/**
 * Widths the room's stylesheets give the panels (ui/session.css, notes/notes.css), and the
 * column tldraw's style panel takes inside the canvas (148 px and its margins).
 */
export const PANEL_WIDTHS = { prompt: 300, notes: 300, rail: 36, stylePanel: 164 } as const

/** The share of the window the canvas keeps, at least, with the panels as they open by default. */
export const MIN_CANVAS_SHARE = 0.6

/** Whether this browser remembers the panel open (true), folded (false), or nothing yet (null). */
export function readPanelOpen(storage: Storage, panel: FoldingPanel): boolean | null {
  try {
    const value = storage.getItem(KEYS[panel])
    return value === 'open' ? true : value === 'folded' ? false : null
  } catch {
    return null
  }
}

/** Remembers a panel open or folded, for the next room opened in this browser. */
export function rememberPanelOpen(storage: Storage, panel: FoldingPanel, open: boolean): void {
  try {
    storage.setItem(KEYS[panel], open ? 'open' : 'folded')
  } catch {
    // Storage switched off: the panel still folds, for this page only.
  }
}

/**
 * How a panel starts before the person has folded or opened it. The candidate reads the brief
 * first, so their prompt drawer opens. Interviewers and reviewers write or read notes all round:
 * their notes open, and their prompt drawer stays a rail unless the window is wide enough for
 * both while the canvas keeps `MIN_CANVAS_SHARE` of it.
 */
export function defaultPanelOpen(panel: FoldingPanel, role: Role, windowWidth: number): boolean {
  if (panel === 'notes') return true
  if (role === 'candidate') return true
  const stylePanel = role === 'reviewer' ? 0 : PANEL_WIDTHS.stylePanel
  const canvas = windowWidth - PANEL_WIDTHS.prompt - PANEL_WIDTHS.notes - stylePanel
  return canvas >= windowWidth * MIN_CANVAS_SHARE
}
