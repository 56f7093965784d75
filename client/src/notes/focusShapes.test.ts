import { Box } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { type FocusEditor, focusShapes } from './focusShapes'

/** A stand-in editor with shapes on pages, recording what is zoomed to. */
function fakeEditor(pages: Record<string, string>, current = 'page:1') {
  const calls = { zoomedTo: null as Box | null, zoomed: 0, page: current }
  const editor = {
    isShapeHidden: () => false,
    getShape: (id: string) => (id in pages ? { id } : undefined),
    getAncestorPageId: (id: string) => pages[id],
    getCurrentPageId: () => calls.page,
    setCurrentPage: (page: string) => {
      calls.page = page
    },
    getShapePageBounds: (id: string) => new Box(Number(id.slice(-1)) * 100, 0, 50, 50),
    zoomToBounds: (box: Box) => {
      calls.zoomedTo = box
      calls.zoomed += 1
    },
  } as unknown as FocusEditor
  return { editor, calls }
}

describe('focusShapes', () => {
  it('zooms to the shapes that still exist, without selecting them', () => {
    const { editor, calls } = fakeEditor({ 'shape:1': 'page:1', 'shape:3': 'page:1' })
    expect(focusShapes(editor, ['shape:1', 'shape:gone', 'shape:3'])).toBe(2)
    expect(calls.zoomed).toBe(1)
    expect(calls.zoomedTo?.toJson()).toEqual({ x: 100, y: 0, w: 250, h: 50 })
  })

  it('does nothing when every shape is gone', () => {
    const { editor, calls } = fakeEditor({})
    expect(focusShapes(editor, ['shape:gone'])).toBe(0)
    expect(calls.zoomed).toBe(0)
  })

  it('opens the page the shapes are on', () => {
    const { editor, calls } = fakeEditor({ 'shape:2': 'page:2', 'shape:1': 'page:1' })
    expect(focusShapes(editor, ['shape:2', 'shape:1'])).toBe(1)
    expect(calls.page).toBe('page:2')
    expect(calls.zoomedTo?.toJson()).toEqual({ x: 200, y: 0, w: 50, h: 50 })
  })
})
