/**
 * The layout of an `estimate` card, in page units, shared by its canvas drawing, its SVG export
 * and the review's preview. No tldraw here: the preview reads it without loading tldraw.
 */

/** A new card's width. */
export const ESTIMATE_WIDTH = 340
export const ESTIMATE_RADIUS = 8
export const ESTIMATE_STROKE = 2

/** The title bar. */
export const ESTIMATE_TITLE_HEIGHT = 40
export const ESTIMATE_TITLE_FONT_SIZE = 16

/** One row: `name = expression` on the left, its value on the right. */
export const ESTIMATE_ROW_HEIGHT = 30
export const ESTIMATE_ROW_FONT_SIZE = 14
export const ESTIMATE_PADDING = 12

/** Room under the rows while the card is edited (its "add a row" button). */
export const ESTIMATE_EDIT_FOOTER = 36

/** The share of the width given to values. */
export const ESTIMATE_VALUE_SHARE = 0.4

/** The height that shows the title and `rowCount` rows (at least one row's room). */
export function estimateHeight(rowCount: number): number {
  return ESTIMATE_TITLE_HEIGHT + Math.max(1, rowCount) * ESTIMATE_ROW_HEIGHT + ESTIMATE_PADDING
}

/** The top of row `index`, from the card's top. */
export function estimateRowTop(index: number): number {
  return ESTIMATE_TITLE_HEIGHT + index * ESTIMATE_ROW_HEIGHT + ESTIMATE_PADDING / 2
}

/** A row as the card shows it when not edited: `name = expr`, or the expression alone. */
export function estimateRowText(name: string, expr: string): string {
  const n = name.trim()
  return n ? `${n} = ${expr}` : expr
}

/** Cuts `text` to about `width` at `fontSize`, ending in an ellipsis (an estimate of glyph widths). */
export function fitText(text: string, width: number, fontSize: number): string {
  const max = Math.max(1, Math.floor(width / (fontSize * 0.56)))
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`
}
