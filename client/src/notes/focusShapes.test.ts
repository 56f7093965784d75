import { Box } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { cameraShowing, type FocusEditor, focusShapes, ROOM_CANVAS_INSETS } from './focusShapes'

interface Camera {
  x: number
  y: number
  z: number
}

/** Where a page box lands on screen under a camera. */
function onScreen(box: Box, camera: Camera): Box {
  return new Box(
    (box.x + camera.x) * camera.z,
    (box.y + camera.y) * camera.z,
    box.w * camera.z,
    box.h * camera.z,
  )
}

/** A stand-in editor on a 1000 x 800 canvas, with shapes on pages, recording the camera it is given. */
function fakeEditor(pages: Record<string, string>, current = 'page:1') {
  const calls = { camera: null as Camera | null, moves: 0, page: current }
  const editor = {
    isShapeHidden: () => false,
    getShape: (id: string) => (id in pages ? { id } : undefined),
    getAncestorPageId: (id: string) => pages[id],
    getCurrentPageId: () => calls.page,
    setCurrentPage: (page: string) => {
      calls.page = page
    },
    getShapePageBounds: (id: string) => new Box(Number(id.slice(-1)) * 100, 0, 50, 50),
    getViewportScreenBounds: () => new Box(0, 0, 1000, 800),
    getCameraOptions: () => ({ zoomSteps: [0.1, 1, 8] }),
    setCamera: (camera: Camera) => {
      calls.camera = { x: camera.x, y: camera.y, z: camera.z }
      calls.moves += 1
    },
  } as unknown as FocusEditor
  return { editor, calls }
}

describe('focusShapes', () => {
  it('shows the shapes that still exist, centred, at 100 % at most, without selecting them', () => {
    const { editor, calls } = fakeEditor({ 'shape:1': 'page:1', 'shape:3': 'page:1' })
    expect(focusShapes(editor, ['shape:1', 'shape:gone', 'shape:3'])).toBe(2)
    expect(calls.moves).toBe(1)
    const camera = calls.camera as Camera
    expect(camera.z).toBe(1)
    const shown = onScreen(new Box(100, 0, 250, 50), camera)
    expect(shown.midX).toBeCloseTo(500)
    expect(shown.midY).toBeCloseTo(400)
  })

  it('does nothing when every shape is gone', () => {
    const { editor, calls } = fakeEditor({})
    expect(focusShapes(editor, ['shape:gone'])).toBe(0)
    expect(calls.moves).toBe(0)
  })

  it('opens the page the shapes are on', () => {
    const { editor, calls } = fakeEditor({ 'shape:2': 'page:2', 'shape:1': 'page:1' })
    expect(focusShapes(editor, ['shape:2', 'shape:1'])).toBe(1)
    expect(calls.page).toBe('page:2')
    const shown = onScreen(new Box(200, 0, 50, 50), calls.camera as Camera)
    expect(shown.midX).toBeCloseTo(500)
  })
})

describe('cameraShowing', () => {
  const canvas = { width: 944, height: 800 }

  it('keeps a small shape at 100 %, in the part of the room canvas tldraw’s panels leave clear', () => {
    const box = new Box(40, 60, 120, 80)
    const camera = cameraShowing(box, canvas, ROOM_CANVAS_INSETS, 1, 0.05)
    expect(camera.z).toBe(1)
    const shown = onScreen(box, camera)
    expect(shown.minX).toBeGreaterThanOrEqual(ROOM_CANVAS_INSETS.left)
    expect(shown.maxX).toBeLessThanOrEqual(canvas.width - ROOM_CANVAS_INSETS.right)
    expect(shown.minY).toBeGreaterThanOrEqual(ROOM_CANVAS_INSETS.top)
    expect(shown.maxY).toBeLessThanOrEqual(canvas.height - ROOM_CANVAS_INSETS.bottom)
  })

  it('zooms out until a large drawing fits the clear part whole', () => {
    const box = new Box(-2000, -500, 4000, 3000)
    const camera = cameraShowing(box, canvas, ROOM_CANVAS_INSETS, 1, 0.05)
    expect(camera.z).toBeLessThan(1)
    const shown = onScreen(box, camera)
    expect(shown.minX).toBeGreaterThanOrEqual(ROOM_CANVAS_INSETS.left - 0.001)
    expect(shown.maxX).toBeLessThanOrEqual(canvas.width - ROOM_CANVAS_INSETS.right + 0.001)
    expect(shown.minY).toBeGreaterThanOrEqual(ROOM_CANVAS_INSETS.top - 0.001)
    expect(shown.maxY).toBeLessThanOrEqual(canvas.height - ROOM_CANVAS_INSETS.bottom + 0.001)
  })
})
