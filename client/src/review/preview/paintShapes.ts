/** Drawing the scene's shape items: geo bodies, notes, text, frames, placeholders, strokes and highlights. */
import type { Point } from './geometry'
import type {
  FrameItem,
  GeoItem,
  HighlightItem,
  NoteItem,
  PlaceholderItem,
  StrokeItem,
  TextItem,
} from './items'
import type { Painter } from './painter'
import { alignIn, drawBoxLabel, drawTextBlock, isGreek, layoutOf, scaled } from './paintLabels'
import { fillPath, strokeRuns, tracePath } from './paintPaths'
import { FRAME_HEADING, THEME } from './style'

// ---------------------------------------------------------------------------------------------
// Shapes

/** A geo shape's fill and outline, in its own transform. */
export function drawGeoBody(p: Painter, item: GeoItem): void {
  const ctx = p.ctx
  p.setTransform(item.bodyM)
  if (item.fill || !item.runs) {
    ctx.beginPath()
    tracePath(ctx, item.outline)
    if (item.fill) fillPath(p, item.fill, p.base.a, p.zoom)
  }
  if (item.drawStroke) {
    p.setStroke(item.stroke, item.strokeWidth)
    if (item.runs) {
      strokeRuns(p, item.runs)
    } else {
      if (item.inner) tracePath(ctx, item.inner)
      ctx.stroke()
    }
  }
}

export function drawGeo(p: Painter, item: GeoItem): void {
  drawGeoBody(p, item)
  if (item.label) drawBoxLabel(p, item.label, item.m)
}

export function drawNote(p: Painter, item: NoteItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  const shadowed = p.zoom * item.scale >= 0.25
  if (shadowed) {
    // A soft lift under the paper; canvas shadows are in device pixels.
    const s = p.zoom * item.scale * p.pixelRatio
    ctx.shadowColor = 'rgba(15, 23, 31, 0.28)'
    ctx.shadowBlur = 6 * s
    ctx.shadowOffsetY = 3 * s
  }
  p.setFill(item.color)
  ctx.fillRect(0, 0, item.w, item.h)
  if (shadowed) {
    ctx.shadowColor = 'transparent'
    ctx.shadowBlur = 0
    ctx.shadowOffsetY = 0
  } else {
    // Zoomed far out tldraw draws a bottom border instead of the shadow.
    p.setFill(THEME.noteBorder)
    ctx.fillRect(0, item.h - 2 * item.scale, item.w, 2 * item.scale)
  }
  if (item.label) drawBoxLabel(p, item.label, item.m)
}

export function drawText(p: Painter, item: TextItem): void {
  const label = item.label
  const lm = scaled(item.m, label.scale)
  const greek = isGreek(label, p.zoom * Math.hypot(lm.a, lm.b))
  const layout = layoutOf(p, label, greek)
  // An auto-sized text shape is as wide as its text (+1, as tldraw measures it).
  const width = Number.isNaN(label.box.w) ? Math.max(16, layout.width + 1) : label.box.w
  drawTextBlock(p, label, layout, alignIn(label.align, width - layout.width), 0, lm, greek)
}

function drawFrameHeading(p: Painter, item: FrameItem): void {
  const ctx = p.ctx
  // The heading keeps its screen size, up to 3.5 × when zoomed out.
  const s = Math.min(1 / p.zoom, FRAME_HEADING.maxScale)
  const m = item.m
  p.setTransform({ a: m.a * s, b: m.b * s, c: m.c * s, d: m.d * s, e: m.e, f: m.f })
  const font = `${FRAME_HEADING.fontSize}px ${FRAME_HEADING.font}`
  const x = FRAME_HEADING.offsetX + FRAME_HEADING.paddingX
  const maxWidth = item.w / s - x
  let text = item.name.trim() ? item.name : 'Frame'
  if (p.measureText(text, font) > maxWidth) text = ellipsize(p, text, font, maxWidth)
  p.setFont(font)
  p.setFill(THEME.frameText)
  ctx.textBaseline = 'middle'
  ctx.fillText(text, x, -(FRAME_HEADING.gapBelow + FRAME_HEADING.height / 2))
  ctx.textBaseline = 'alphabetic'
}

function ellipsize(p: Painter, text: string, font: string, maxWidth: number): string {
  const chars = Array.from(text)
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (p.measureText(`${chars.slice(0, mid).join('')}…`, font) <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return `${chars.slice(0, lo).join('')}…`
}

export function drawFrame(p: Painter, item: FrameItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  p.setFill(THEME.frameFill)
  ctx.fillRect(0, 0, item.w, item.h)
  // tldraw draws the border 1 screen pixel wide.
  p.setStroke(THEME.frameStroke, 1 / p.zoom)
  ctx.strokeRect(0, 0, item.w, item.h)
  drawFrameHeading(p, item)
}

export function drawPlaceholder(p: Painter, item: PlaceholderItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  const r = Math.min(8, item.w / 4, item.h / 4)
  ctx.beginPath()
  ctx.roundRect(0, 0, item.w, item.h, r)
  p.setFill(THEME.placeholderFill)
  ctx.fill()
  p.setStroke(THEME.placeholderStroke, 1 / p.zoom)
  ctx.stroke()
}

function drawDot(p: Painter, at: Point, diameter: number, color: string): void {
  const ctx = p.ctx
  ctx.beginPath()
  ctx.arc(at.x, at.y, diameter / 2, 0, Math.PI * 2)
  p.setFill(color)
  ctx.fill()
}

export function drawStroke(p: Painter, item: StrokeItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  if (item.dot) {
    drawDot(p, item.dot, item.strokeWidth, item.stroke)
    return
  }
  ctx.beginPath()
  tracePath(ctx, item.path)
  if (item.fill) fillPath(p, item.fill, p.base.a, p.zoom)
  if (item.strokeWidth <= 0) return
  p.setStroke(item.stroke, item.strokeWidth)
  if (item.runs) {
    strokeRuns(p, item.runs)
  } else if (item.lineDash) {
    ctx.setLineDash(item.lineDash as number[])
    ctx.stroke()
    ctx.setLineDash([])
  } else {
    ctx.stroke()
  }
}

export function drawHighlight(p: Painter, item: HighlightItem, opacity: number): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  p.setAlpha(item.opacity * opacity)
  if (item.dot) {
    drawDot(p, item.dot, item.strokeWidth, item.color)
    return
  }
  ctx.beginPath()
  tracePath(ctx, item.path)
  p.setStroke(item.color, item.strokeWidth)
  ctx.stroke()
}
