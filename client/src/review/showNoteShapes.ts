import { Box, type Editor, type TLShapeId } from 'tldraw'

/** The editor calls `showNoteShapes` makes; tests pass a stand-in. */
export type NoteShapesEditor = Pick<
  Editor,
  | 'getShape'
  | 'getAncestorPageId'
  | 'getCurrentPageId'
  | 'setCurrentPage'
  | 'getShapePageBounds'
  | 'zoomToBounds'
  | 'setHintingShapes'
>

/** Never zoom in past 100% to show a note's shapes: one small box should not fill the screen. */
const MAX_ZOOM = 1

/**
 * Shows a note's shapes on the review canvas: opens their page (the first shape's), outlines them
 * (tldraw's hint indicator, which shows with any tool, unlike a selection under the hand tool)
 * and zooms to them. Shapes not on the board at this moment are skipped. Answers how many were
 * shown: 0 when none is there. The caller clears the outline (`setHintingShapes([])`) when the
 * time moves on.
 */
export function showNoteShapes(editor: NoteShapesEditor, shapeIds: readonly string[]): number {
  const existing = shapeIds.map((id) => id as TLShapeId).filter((id) => editor.getShape(id) !== undefined)
  const first = existing[0]
  if (first === undefined) return 0
  const page = editor.getAncestorPageId(first)
  if (page && page !== editor.getCurrentPageId()) editor.setCurrentPage(page)
  const onPage = existing.filter((id) => editor.getAncestorPageId(id) === editor.getCurrentPageId())
  const bounds = onPage
    .map((id) => editor.getShapePageBounds(id))
    .filter((box): box is Box => box !== undefined)
  if (bounds.length === 0) return 0
  editor.setHintingShapes(onPage)
  editor.zoomToBounds(Box.Common(bounds), { animation: { duration: 200 }, inset: 96, targetZoom: MAX_ZOOM })
  return onPage.length
}
