/**
 * Drawing arrows: the body (with the label's box and closed heads cut out of it), the heads, and
 * the label placed along the body like tldraw's.
 */
import type { Point } from './geometry'
import type { ArrowItem } from './items'
import type { Painter } from './painter'
import { drawTextBlock, isGreek, layoutOf } from './paintLabels'
import { fillPath, strokeRuns, tracePath } from './paintPaths'
import { ARROW_LABEL_PADDING, ARROW_LABEL_RADIUS } from './style'
import { cachedLayout, type TextLayout } from './text'

// ---------------------------------------------------------------------------------------------
// Arrows

/** A point `t` (0-1) of the way along an arrow's body. */
function pointAlong(item: ArrowItem, t: number): Point {
  const body = item.body
  switch (body.kind) {
    case 'line':
      return { x: body.ax + (body.bx - body.ax) * t, y: body.ay + (body.by - body.ay) * t }
    case 'arc': {
      const a = body.a0 + body.sweep * t
      return { x: body.cx + Math.cos(a) * body.r, y: body.cy + Math.sin(a) * body.r }
    }
    case 'polyline': {
      let remaining = item.length * t
      const pts = body.pts
      for (let i = 2; i + 1 < pts.length; i += 2) {
        const x0 = pts[i - 2] ?? 0
        const y0 = pts[i - 1] ?? 0
        const x1 = pts[i] ?? 0
        const y1 = pts[i + 1] ?? 0
        const seg = Math.hypot(x1 - x0, y1 - y0)
        if (remaining <= seg || i + 2 >= pts.length) {
          const k = seg ? Math.min(1, remaining / seg) : 0
          return { x: x0 + (x1 - x0) * k, y: y0 + (y1 - y0) * k }
        }
        remaining -= seg
      }
      return item.start
    }
  }
}

interface PlacedArrowLabel {
  readonly layout: TextLayout
  readonly greek: boolean
  readonly cx: number
  readonly cy: number
  /** The label's box size in page units, padding included. */
  readonly w: number
  readonly h: number
  readonly radius: number
}

/**
 * Lays an arrow's label out and places it like tldraw's arrowLabel.mjs: at most the body's width
 * minus 64 wide on a flat arrow (16 em on a steep one), padded by 4.25, centred on the body at
 * labelPosition, kept clear of ends with a head or binding.
 */
function placeArrowLabel(p: Painter, item: ArrowItem): PlacedArrowLabel | null {
  const arrowLabel = item.label
  if (!arrowLabel) return null
  const label = arrowLabel.label
  const scale = label.scale
  const greek = isGreek(label, p.zoom * scale)
  let layout = layoutOf(p, label, greek)
  const bodyW = item.box.maxX - item.box.minX
  const bodyH = item.box.maxY - item.box.minY
  const naturalW = layout.width * scale
  let maxW: number | null = null
  if (bodyW > bodyH) maxW = Math.max(Math.min(naturalW, 64), Math.min(bodyW - 64, naturalW))
  else if (naturalW > 16 * label.style.size * scale) maxW = 16 * label.style.size * scale
  if (maxW !== null && maxW < naturalW - 0.5) {
    const wrap = maxW / scale
    p.approximate = false
    layout = cachedLayout(
      `${label.key}|${wrap}`,
      label.text,
      label.style,
      wrap,
      label.align,
      greek ? p.estimateMeasure : p.measure,
      () => !greek && !p.approximate,
    )
  }
  const pad = ARROW_LABEL_PADDING * scale
  const w = layout.width * scale + pad * 2
  const h = layout.height * scale + pad * 2
  let lo = 0
  let hi = 1
  if (item.length > 0) {
    // How far the label's half-extent reaches along the body's direction at its ends.
    const dx =
      Math.abs(item.end.x - item.start.x) /
      (Math.hypot(item.end.x - item.start.x, item.end.y - item.start.y) || 1)
    const dy = Math.sqrt(Math.max(0, 1 - dx * dx))
    const half = Math.min(
      dx > 1e-6 ? w / 2 / dx : Number.POSITIVE_INFINITY,
      dy > 1e-6 ? h / 2 / dy : Number.POSITIVE_INFINITY,
    )
    const clear = (arrowLabel.endPadding + half) / item.length
    if (arrowLabel.keepClearOfStart) lo = clear
    if (arrowLabel.keepClearOfEnd) hi = 1 - clear
    if (lo > hi) {
      lo = 0.5
      hi = 0.5
    }
  }
  const at = pointAlong(item, Math.max(lo, Math.min(hi, arrowLabel.position)))
  return { layout, greek, cx: at.x, cy: at.y, w, h, radius: ARROW_LABEL_RADIUS * scale }
}

/** Cuts the label's rounded box and the closed heads out of where the body may be drawn. */
function clipArrowBody(p: Painter, item: ArrowItem, placed: PlacedArrowLabel | null): boolean {
  const closedHeads = item.heads.filter((head) => head.closed)
  if (!placed && closedHeads.length === 0) return false
  const ctx = p.ctx
  const margin = 1000
  ctx.save()
  ctx.beginPath()
  ctx.rect(
    item.box.minX - margin,
    item.box.minY - margin,
    item.box.maxX - item.box.minX + margin * 2,
    item.box.maxY - item.box.minY + margin * 2,
  )
  if (placed) {
    ctx.roundRect(placed.cx - placed.w / 2, placed.cy - placed.h / 2, placed.w, placed.h, placed.radius)
  }
  for (const head of closedHeads) tracePath(ctx, head.path)
  ctx.clip('evenodd')
  return true
}

export function drawArrow(p: Painter, item: ArrowItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  const placed = placeArrowLabel(p, item)
  if (!item.bodyHidden) {
    const clipped = clipArrowBody(p, item, placed)
    p.setStroke(item.stroke, item.strokeWidth)
    if (item.runs) {
      strokeRuns(p, item.runs)
    } else {
      ctx.beginPath()
      tracePath(ctx, item.path)
      ctx.stroke()
    }
    if (clipped) {
      ctx.restore()
      p.forgetState()
    }
  }
  p.setStroke(item.stroke, item.strokeWidth)
  for (const head of item.heads) {
    ctx.beginPath()
    tracePath(ctx, head.path)
    if (head.closed && item.fill) fillPath(p, item.fill, p.base.a, p.zoom)
    ctx.stroke()
  }
  if (placed && item.label) {
    const label = item.label.label
    const scale = label.scale
    const layout = placed.layout
    const lm = { a: scale, b: 0, c: 0, d: scale, e: placed.cx, f: placed.cy }
    drawTextBlock(p, label, layout, -layout.width / 2, -layout.height / 2, lm, placed.greek)
  }
}
