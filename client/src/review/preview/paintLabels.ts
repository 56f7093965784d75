/**
 * Drawing labels: laying them out when painted (cached on the label and across paints), placing
 * the text block in its box, and tiny labels as grey bars batched per colour.
 */
import type { Mat } from './geometry'
import type { Label } from './items'
import { fontGeneration, type Painter } from './painter'
import { THEME } from './style'
import { cachedLayout, type LaidLine, layoutParagraphs, peekLayout, type TextLayout } from './text'

// ---------------------------------------------------------------------------------------------
// Labels

/** Below this on-screen font size, text is drawn as grey bars (it is unreadable anyway). */
const GREEK_BELOW_PX = 4

/** Whether a label is too small on screen to be worth real text. */
export function isGreek(label: Label, screenScale: number): boolean {
  return label.style.size * screenScale < GREEK_BELOW_PX
}

/**
 * The label's lines: from the item (same scene), the layout cache (unchanged label), or laid out
 * now. Labels too small to read are laid out with estimated widths, which is all their bars need.
 */
export function layoutOf(p: Painter, label: Label, greek: boolean): TextLayout {
  if (label.fontGeneration !== fontGeneration) {
    label.layout = null
    label.greekLayout = null
    label.fontGeneration = fontGeneration
  }
  if (label.layout) return label.layout
  if (greek) {
    const cached = peekLayout(label.key)
    if (cached) return cached
    label.greekLayout ??= layoutParagraphs(
      label.text.paragraphs,
      label.style,
      label.wrapWidth,
      label.align,
      p.estimateMeasure,
    )
    return label.greekLayout
  }
  p.approximate = false
  const layout = cachedLayout(
    label.key,
    label.text,
    label.style,
    label.wrapWidth,
    label.align,
    p.measure,
    () => !p.approximate,
  )
  if (!p.approximate) label.layout = layout
  return layout
}

export function alignIn(align: 'start' | 'center' | 'middle' | 'end', free: number): number {
  if (align === 'center' || align === 'middle') return free / 2
  if (align === 'end') return free
  return 0
}

function drawLine(p: Painter, line: LaidLine, x: number, top: number, outlineWidth: number): void {
  const ctx = p.ctx
  const { ascent, descent } = p.metrics(line.font)
  const baseline = top + line.y + (line.height - (ascent + descent)) / 2 + ascent
  p.setFont(line.font)
  if (line.marker) {
    ctx.textAlign = 'right'
    // CSS list markers are the bullet or number followed by a space.
    ctx.fillText(`${line.marker} `, x + line.markerX, baseline)
    ctx.textAlign = 'left'
  }
  if (!line.text) return
  if (outlineWidth > 0) ctx.strokeText(line.text, x + line.x, baseline)
  ctx.fillText(line.text, x + line.x, baseline)
}

/** Queues a tiny label's lines as bars (device-space quads), to be filled together. */
function addGreekBars(p: Painter, color: string, layout: TextLayout, x: number, y: number, lm: Mat): void {
  const m = p.device(lm)
  let quads = p.greekBars.get(color)
  if (!quads) {
    quads = []
    p.greekBars.set(color, quads)
  }
  for (const line of layout.lines) {
    if (line.width <= 0) continue
    const x0 = x + line.x
    const x1 = x0 + line.width
    const y0 = y + line.y + line.height * 0.3
    const y1 = y0 + line.height * 0.4
    quads.push(
      m.a * x0 + m.c * y0 + m.e,
      m.b * x0 + m.d * y0 + m.f,
      m.a * x1 + m.c * y0 + m.e,
      m.b * x1 + m.d * y0 + m.f,
      m.a * x1 + m.c * y1 + m.e,
      m.b * x1 + m.d * y1 + m.f,
      m.a * x0 + m.c * y1 + m.e,
      m.b * x0 + m.d * y1 + m.f,
    )
  }
}

/** Fills the queued text bars, one path per colour, faint like text seen from afar. */
export function flushGreekBars(p: Painter): void {
  if (p.greekBars.size === 0) return
  const ctx = p.ctx
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  const alpha = p.currentAlpha()
  p.setAlpha(alpha * 0.35)
  for (const [color, quads] of p.greekBars) {
    ctx.beginPath()
    for (let i = 0; i + 7 < quads.length; i += 8) {
      ctx.moveTo(quads[i] ?? 0, quads[i + 1] ?? 0)
      ctx.lineTo(quads[i + 2] ?? 0, quads[i + 3] ?? 0)
      ctx.lineTo(quads[i + 4] ?? 0, quads[i + 5] ?? 0)
      ctx.lineTo(quads[i + 6] ?? 0, quads[i + 7] ?? 0)
    }
    p.setFill(color)
    ctx.fill()
  }
  p.setAlpha(alpha)
  p.greekBars.clear()
}

/**
 * Draws a laid-out block of text with its top-left at (x, y) in the label's unscaled units,
 * `lm` being those units' transform to the page. Tiny text becomes bars; `outline` strokes the
 * glyphs in the background colour first, like tldraw's text-shadow outline.
 */
export function drawTextBlock(
  p: Painter,
  label: Label,
  layout: TextLayout,
  x: number,
  y: number,
  lm: Mat,
  greek: boolean,
): void {
  if (greek) {
    addGreekBars(p, label.color, layout, x, y, lm)
    return
  }
  p.setTransform(lm)
  // tldraw's outline: background-coloured text shadows ±min(0.5, 1/zoom)·2 px around the glyphs.
  const outlineWidth = label.outline ? Math.min(0.5, 1 / p.zoom) * 4 : 0
  if (outlineWidth > 0) p.setStroke(THEME.background, outlineWidth)
  p.setFill(label.color)
  for (const line of layout.lines) drawLine(p, line, x, y, outlineWidth)
}

export function scaled(m: Mat, scale: number): Mat {
  return scale === 1 ? m : { a: m.a * scale, b: m.b * scale, c: m.c * scale, d: m.d * scale, e: m.e, f: m.f }
}

/**
 * Draws a shape's label in its box (`m`: the shape's local space). The text block is placed like
 * tldraw's flex label: padded, aligned horizontally and vertically, and clipped to the box when
 * it overflows.
 */
export function drawBoxLabel(p: Painter, label: Label, m: Mat): void {
  const lm = scaled(m, label.scale)
  const greek = isGreek(label, p.zoom * Math.hypot(lm.a, lm.b))
  const layout = layoutOf(p, label, greek)
  const box = label.box
  const innerW = box.w - label.padding * 2
  const innerH = box.h - label.padding * 2
  const x = box.x + label.padding + alignIn(label.align, innerW - layout.width)
  const y = box.y + label.padding + alignIn(label.verticalAlign, innerH - layout.height)
  const overflows = !greek && (layout.height > innerH + 0.5 || layout.width > innerW + 0.5)
  if (!overflows) {
    drawTextBlock(p, label, layout, x, y, lm, greek)
    return
  }
  const ctx = p.ctx
  p.setTransform(lm)
  ctx.save()
  ctx.beginPath()
  ctx.rect(box.x, box.y, box.w, box.h)
  ctx.clip()
  drawTextBlock(p, label, layout, x, y, lm, greek)
  ctx.restore()
  p.forgetState()
}
