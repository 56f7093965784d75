/**
 * What arrows bind to and where their ends land: bind targets (a shape's outline in its local
 * space), bindings read from records, anchors, clipping to outlines and the gap before a head.
 */
import { applyMat, type Box, dist, invert, type Mat, type Point } from './geometry'
import type { SceneItem } from './items'
import { flattenOutline } from './paths'
import { type BoardRecordJson, num, propsOf } from './records'
import { BOUND_ARROW_OFFSET, STROKE_WIDTHS, sizeName } from './style'

// ---------------------------------------------------------------------------------------------
// Bind targets

/** What an arrow bound to a shape needs of it. */
export interface BindTarget {
  readonly m: Mat
  /** Its outline in local space (flat, closed polygon). */
  readonly outline: readonly number[]
  readonly isClosed: boolean
  /** Local bounds of its geometry, which anchors are relative to. */
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly box: Box
  /** Half the stroke width of its outline (arrows keep clear of it). */
  readonly halfStroke: number
}

/** The outline of an item an arrow can bind to, in its local space. */
export function bindTargetOf(record: BoardRecordJson, item: SceneItem): BindTarget {
  const props = propsOf(record)
  const halfStroke = typeof props.size === 'string' ? STROKE_WIDTHS[sizeName(props.size)] / 2 : 0
  switch (item.kind) {
    case 'geo':
      return localTarget(item.bodyM, flattenOutline(item.hitOutline), item.w, item.h, item.box, halfStroke)
    case 'note':
    case 'frame':
    case 'placeholder':
    case 'component':
    case 'estimate':
      return localTarget(
        item.m,
        [0, 0, item.w, 0, item.w, item.h, 0, item.h],
        item.w,
        item.h,
        item.box,
        halfStroke,
      )
    default:
      return boxTarget(item.box, halfStroke)
  }
}

/** A target known only by its page bounds: its box is its outline. */
export function boxTarget(box: Box, halfStroke: number): BindTarget {
  const w = box.maxX - box.minX
  const h = box.maxY - box.minY
  return localTarget(
    { a: 1, b: 0, c: 0, d: 1, e: box.minX, f: box.minY },
    [0, 0, w, 0, w, h, 0, h],
    w,
    h,
    box,
    halfStroke,
  )
}

/** A closed target whose geometry spans (0, 0) to (w, h) in its local space `m`. */
function localTarget(
  m: Mat,
  outline: readonly number[],
  w: number,
  h: number,
  box: Box,
  halfStroke: number,
): BindTarget {
  return { m, outline, isClosed: true, x: 0, y: 0, w, h, box, halfStroke }
}

// ---------------------------------------------------------------------------------------------
// Bindings and terminals

export interface ArrowBinding {
  readonly toId: string
  readonly anchor: Point
  readonly isPrecise: boolean
  readonly isExact: boolean
}

export interface Terminal {
  /** Where the terminal points (page space): the target's anchor, or the stored point. */
  readonly handle: Point
  readonly target: BindTarget | null
  readonly isExact: boolean
}

export function bindingOf(
  record: BoardRecordJson,
): { arrowId: string; terminal: 'start' | 'end'; binding: ArrowBinding } | null {
  if (record.type !== 'arrow') return null
  const props = propsOf(record)
  const terminal = props.terminal === 'start' ? 'start' : props.terminal === 'end' ? 'end' : null
  const anchor = props.normalizedAnchor as Record<string, unknown> | undefined
  if (!terminal || typeof record.fromId !== 'string' || typeof record.toId !== 'string') return null
  return {
    arrowId: record.fromId,
    terminal,
    binding: {
      toId: record.toId,
      anchor: { x: num(anchor?.x, 0.5), y: num(anchor?.y, 0.5) },
      isPrecise: props.isPrecise === true,
      isExact: props.isExact === true,
    },
  }
}

/** The page point of a target's anchor (its centre unless the binding is precise). */
export function anchorPoint(target: BindTarget, binding: ArrowBinding, forcePrecise: boolean): Point {
  const precise = binding.isPrecise || forcePrecise
  const clamp = (v: number) => Math.max(0.001, Math.min(0.999, v))
  const ax = precise ? clamp(binding.anchor.x) : 0.5
  const ay = precise ? clamp(binding.anchor.y) : 0.5
  return applyMat(target.m, target.x + ax * target.w, target.y + ay * target.h)
}

/** Where segment p→q crosses a target's outline (page space), all of them. */
function segmentHits(target: BindTarget, p: Point, q: Point): Point[] {
  const inv = invert(target.m)
  const a = applyMat(inv, p.x, p.y)
  const b = applyMat(inv, q.x, q.y)
  const out: Point[] = []
  const poly = target.outline
  const n = poly.length / 2
  for (let i = 0; i < n; i++) {
    const cx = poly[2 * i] ?? 0
    const cy = poly[2 * i + 1] ?? 0
    const dx = poly[2 * ((i + 1) % n)] ?? 0
    const dy = poly[2 * ((i + 1) % n) + 1] ?? 0
    const rx = b.x - a.x
    const ry = b.y - a.y
    const sx = dx - cx
    const sy = dy - cy
    const denom = rx * sy - ry * sx
    if (Math.abs(denom) < 1e-12) continue
    const t = ((cx - a.x) * sy - (cy - a.y) * sx) / denom
    const u = ((cx - a.x) * ry - (cy - a.y) * rx) / denom
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) out.push(applyMat(target.m, a.x + rx * t, a.y + ry * t))
  }
  return out
}

/** Where a circle crosses a target's outline (page space). */
export function circleHits(target: BindTarget, cx: number, cy: number, r: number): Point[] {
  const inv = invert(target.m)
  const c = applyMat(inv, cx, cy)
  const out: Point[] = []
  const poly = target.outline
  const n = poly.length / 2
  for (let i = 0; i < n; i++) {
    const x0 = (poly[2 * i] ?? 0) - c.x
    const y0 = (poly[2 * i + 1] ?? 0) - c.y
    const x1 = (poly[2 * ((i + 1) % n)] ?? 0) - c.x
    const y1 = (poly[2 * ((i + 1) % n) + 1] ?? 0) - c.y
    const dx = x1 - x0
    const dy = y1 - y0
    const A = dx * dx + dy * dy
    const B = 2 * (x0 * dx + y0 * dy)
    const C = x0 * x0 + y0 * y0 - r * r
    const disc = B * B - 4 * A * C
    if (A < 1e-12 || disc < 0) continue
    const sq = Math.sqrt(disc)
    for (const t of [(-B - sq) / (2 * A), (-B + sq) / (2 * A)]) {
      if (t >= 0 && t <= 1) out.push(applyMat(target.m, c.x + x0 + dx * t, c.y + y0 + dy * t))
    }
  }
  return out
}

/** The nearest point of a target's outline to p (page space). */
function nearestOnOutline(target: BindTarget, p: Point): Point {
  const inv = invert(target.m)
  const q = applyMat(inv, p.x, p.y)
  const poly = target.outline
  const n = poly.length / 2
  let best = { x: poly[0] ?? 0, y: poly[1] ?? 0 }
  let bestD = Number.POSITIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const x0 = poly[2 * i] ?? 0
    const y0 = poly[2 * i + 1] ?? 0
    const dx = (poly[2 * ((i + 1) % n)] ?? 0) - x0
    const dy = (poly[2 * ((i + 1) % n) + 1] ?? 0) - y0
    const len2 = dx * dx + dy * dy || 1
    const t = Math.max(0, Math.min(1, ((q.x - x0) * dx + (q.y - y0) * dy) / len2))
    const x = x0 + dx * t
    const y = y0 + dy * t
    const d = (x - q.x) ** 2 + (y - q.y) ** 2
    if (d < bestD) {
      bestD = d
      best = { x, y }
    }
  }
  return applyMat(target.m, best.x, best.y)
}

/**
 * Moves a bound terminal from its anchor to where the arrow meets the target's outline: the
 * crossing of the arrow's line nearest the other end (tldraw's updateArrowheadPointWithBoundShape).
 * Returns null when the line does not cross the outline (the anchor stays).
 */
export function clipToOutline(target: BindTarget, from: Point, to: Point): Point | null {
  const hits = segmentHits(target, from, to)
  if (hits.length) {
    hits.sort((p, q) => dist(p, from) - dist(q, from))
    return hits[0] ?? null
  }
  const nearest = nearestOnOutline(target, to)
  return dist(nearest, to) < 1 ? nearest : null
}

/** How far a bound arrow's head stays off its target: tldraw's BOUND_ARROW_OFFSET plus half strokes. */
export function headGap(terminal: Terminal, hasHead: boolean, arrowStroke: number, scale: number): number {
  if (!terminal.target || terminal.isExact || !hasHead) return 0
  return (BOUND_ARROW_OFFSET + arrowStroke / 2 + terminal.target.halfStroke) * scale
}
