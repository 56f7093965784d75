/**
 * The layout of a `component` shape, in page units, shared by its canvas drawing, its SVG export
 * and the review's preview so all three put the same things in the same places. No tldraw here:
 * the preview reads it without loading tldraw.
 */

/** A new component's size. */
export const COMPONENT_SIZE = { w: 176, h: 112 } as const

/** Corner radius and stroke width of the body. */
export const COMPONENT_RADIUS = 12
export const COMPONENT_STROKE = 2

/** The kind's icon: its side, centred horizontally, this far from the top. */
export const COMPONENT_ICON_SIZE = 30
export const COMPONENT_ICON_TOP = 12

/** The label: its font size, and its box from below the icon down to the caption. */
export const COMPONENT_LABEL_FONT_SIZE = 18
export const COMPONENT_LABEL_TOP = 46
export const COMPONENT_LABEL_PADDING = 4
export const COMPONENT_LINE_HEIGHT = 1.35

/** The caption, one line along the bottom edge. */
export const COMPONENT_CAPTION_FONT_SIZE = 13
export const COMPONENT_CAPTION_HEIGHT = 22

/** The label's box: what the label is centred in (the caption's line taken off when there is one). */
export function componentLabelBox(w: number, h: number, hasCaption: boolean) {
  const bottom = h - (hasCaption ? COMPONENT_CAPTION_HEIGHT : 6)
  const top = Math.min(COMPONENT_LABEL_TOP, Math.max(0, h / 2 - 10))
  return { x: 0, y: top, w, h: Math.max(1, bottom - top) }
}

/** Where the caption's baseline sits, from the top. */
export function componentCaptionBaseline(h: number): number {
  return h - 8
}
