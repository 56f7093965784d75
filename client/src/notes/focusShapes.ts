import { Box, type Editor, type TLShapeId, Vec } from 'tldraw'

/** The editor calls `focusShapes` makes; tests pass a stand-in. */
export type FocusEditor = Pick<
  Editor,
  | 'getShape'
  | 'getAncestorPageId'
  | 'getCurrentPageId'
  | 'setCurrentPage'
  | 'getShapePageBounds'
  | 'getViewportScreenBounds'
  | 'getCameraOptions'
  | 'setCamera'
  | 'setHintingShapes'
  | 'isShapeHidden'
>

/** Screen pixels at each edge of the canvas that something covers, or that should stay clear. */
export interface ScreenInsets {
  top: number
  right: number
  bottom: number
  left: number
}

/** A margin all round, for a canvas with nothing over it. */
const EVEN_INSETS: ScreenInsets = { top: 48, right: 48, bottom: 48, left: 48 }

/**
 * What covers the room's canvas, which fills the space between its side columns: tldraw's menu
 * row at the top, its style panel on the right (148 px and margins), its toolbar and the shared
 * timer at the bottom. A note's shapes are shown in what is left, with a little room around.
 */
export const ROOM_CANVAS_INSETS: ScreenInsets = { top: 64, right: 188, bottom: 150, left: 32 }

export interface FocusOptions {
  /**
   * Outline the shapes with tldraw's hint indicator (the review screen, where the hand tool hides
   * selections). The caller clears it (`setHintingShapes([])`) when it moves on.
   */
  outline?: boolean
  /** Never zoom in past this (1 = 100 %, the default), so one small box does not fill the screen. */
  maxZoom?: number
  /** The edges of the canvas to keep the shapes away from; an even margin by default. */
  insets?: ScreenInsets
  /** Whether a shape in the store is on the board shown; by default, whether tldraw shows it. */
  isShown?: (id: TLShapeId) => boolean
}

/**
 * The camera (tldraw's: page offset and zoom) that shows `bounds` whole and centred in the part
 * of a `width` × `height` canvas left clear by `insets`, zoomed no further in than `maxZoom` and
 * no further out than `minZoom`.
 */
export function cameraShowing(
  bounds: Box,
  canvas: { width: number; height: number },
  insets: ScreenInsets,
  maxZoom: number,
  minZoom: number,
): { x: number; y: number; z: number } {
  // A canvas too small for its insets still shows the shapes, over whatever covers it.
  const clearWidth = Math.max(canvas.width - insets.left - insets.right, canvas.width / 3)
  const clearHeight = Math.max(canvas.height - insets.top - insets.bottom, canvas.height / 3)
  const fit = Math.min(clearWidth / Math.max(bounds.w, 1), clearHeight / Math.max(bounds.h, 1))
  const z = Math.max(minZoom, Math.min(maxZoom, fit))
  const centreX = insets.left + (canvas.width - insets.left - insets.right) / 2
  const centreY = insets.top + (canvas.height - insets.top - insets.bottom) / 2
  // On screen, a page point p lands at (p + camera) * z.
  return { x: centreX / z - bounds.midX, y: centreY / z - bounds.midY, z }
}

/**
 * Shows a note's shapes: the camera moves so they sit whole in the clear part of the canvas, at
 * 100 % at most. Shapes that are not on the board (deleted since, or not drawn yet at a replayed
 * moment) are skipped; when they sit on another page, that page (the first shape's) is opened.
 * Answers how many were found: 0 when none is there.
 *
 * It never selects them: in a live room, selections travel to everyone through presence, and
 * the candidate must not see which shapes the interviewers' notes are about.
 */
export function focusShapes(
  editor: FocusEditor,
  shapeIds: readonly string[],
  options: FocusOptions = {},
): number {
  const isShown = options.isShown ?? ((id: TLShapeId) => !editor.isShapeHidden(id))
  const existing = shapeIds
    .map((id) => id as TLShapeId)
    .filter((id) => editor.getShape(id) !== undefined && isShown(id))
  const first = existing[0]
  if (first === undefined) return 0
  const page = editor.getAncestorPageId(first)
  if (page && page !== editor.getCurrentPageId()) editor.setCurrentPage(page)
  const onPage = existing.filter((id) => editor.getAncestorPageId(id) === editor.getCurrentPageId())
  const bounds = onPage
    .map((id) => editor.getShapePageBounds(id))
    .filter((box): box is Box => box !== undefined)
  if (bounds.length === 0) return 0
  if (options.outline) editor.setHintingShapes(onPage)
  const viewport = editor.getViewportScreenBounds()
  const minZoom = editor.getCameraOptions().zoomSteps[0] ?? 0.05
  const camera = cameraShowing(
    Box.Common(bounds),
    { width: viewport.w, height: viewport.h },
    options.insets ?? EVEN_INSETS,
    Math.min(options.maxZoom ?? 1, 1),
    minZoom,
  )
  editor.setCamera(new Vec(camera.x, camera.y, camera.z), { animation: { duration: 200 } })
  return onPage.length
}
