import { Box, type Editor, type TLShapeId } from 'tldraw'

/** The editor calls `focusShapes` makes; tests pass a stand-in. */
export type FocusEditor = Pick<
  Editor,
  | 'getShape'
  | 'getAncestorPageId'
  | 'getCurrentPageId'
  | 'setCurrentPage'
  | 'getShapePageBounds'
  | 'zoomToBounds'
  | 'setHintingShapes'
  | 'isShapeHidden'
>

export interface FocusOptions {
  /**
   * Outline the shapes with tldraw's hint indicator (the review screen, where the hand tool hides
   * selections). The caller clears it (`setHintingShapes([])`) when it moves on.
   */
  outline?: boolean
  /** Never zoom in past this, so one small box does not fill the screen. */
  maxZoom?: number
  /** Whether a shape in the store is on the board shown; by default, whether tldraw shows it. */
  isShown?: (id: TLShapeId) => boolean
}

/**
 * Zooms the canvas to a note's shapes. Shapes that are not on the board (deleted since, or not
 * drawn yet at a replayed moment) are skipped; when they sit on another page, that page (the
 * first shape's) is opened. Answers how many were found: 0 when none is there.
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
  editor.zoomToBounds(Box.Common(bounds), {
    animation: { duration: 200 },
    inset: 96,
    targetZoom: options.maxZoom,
  })
  return onPage.length
}
