import { Box, type TLPageId, type TLShapeId } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { type FocusEditor, focusShapes } from './focusShapes'

/** A stand-in editor: shapes by id with their page and bounds; it records what was asked of it. */
function fakeEditor(shapes: Record<string, { page: string; box: Box }>, currentPage = 'page:a') {
  const calls = {
    outlined: [] as string[],
    camera: null as { x: number; y: number; z: number } | null,
    page: currentPage,
  }
  const editor = {
    isShapeHidden: () => false,
    getShape: (id: TLShapeId) => (shapes[id] ? { id } : undefined),
    getAncestorPageId: (id: TLShapeId) => shapes[id]?.page as TLPageId | undefined,
    getCurrentPageId: () => calls.page as TLPageId,
    setCurrentPage: (page: TLPageId) => {
      calls.page = page
      return editor
    },
    getShapePageBounds: (id: TLShapeId) => shapes[id]?.box,
    setHintingShapes: (ids: TLShapeId[]) => {
      calls.outlined = ids
      return editor
    },
    getViewportScreenBounds: () => new Box(0, 0, 1000, 800),
    getCameraOptions: () => ({ zoomSteps: [0.1, 1, 8] }),
    setCamera: (camera: { x: number; y: number; z: number }) => {
      calls.camera = { x: camera.x, y: camera.y, z: camera.z }
      return editor
    },
  } as unknown as FocusEditor
  return { editor, calls }
}

describe('focusShapes with an outline (review screen)', () => {
  it('outlines the shapes there and zooms to them all', () => {
    const { editor, calls } = fakeEditor({
      'shape:a': { page: 'page:a', box: new Box(0, 0, 100, 50) },
      'shape:b': { page: 'page:a', box: new Box(300, 200, 100, 50) },
    })
    expect(focusShapes(editor, ['shape:a', 'shape:gone', 'shape:b'], { outline: true, maxZoom: 1 })).toBe(2)
    expect(calls.outlined).toEqual(['shape:a', 'shape:b'])
    // Both shapes, 400 x 250 together, centred on the 1000 x 800 canvas at 100 %.
    expect(calls.camera).toEqual({ x: 300, y: 275, z: 1 })
  })

  it("opens the first shape's page and leaves out shapes on other pages", () => {
    const { editor, calls } = fakeEditor({
      'shape:a': { page: 'page:b', box: new Box(0, 0, 10, 10) },
      'shape:b': { page: 'page:a', box: new Box(0, 0, 10, 10) },
    })
    expect(focusShapes(editor, ['shape:a', 'shape:b'], { outline: true, maxZoom: 1 })).toBe(1)
    expect(calls.page).toBe('page:b')
    expect(calls.outlined).toEqual(['shape:a'])
  })

  it('does nothing when none of the shapes is on the board', () => {
    const { editor, calls } = fakeEditor({})
    expect(focusShapes(editor, ['shape:gone'], { outline: true, maxZoom: 1 })).toBe(0)
    expect(calls.outlined).toEqual([])
    expect(calls.camera).toBeNull()
  })
})
