/**
 * The routes of arrow bodies between their terminals: straight, curved (a circular arc through
 * the bend point) and elbow (an approximation of tldraw's router).
 */
import { type BindTarget, circleHits, clipToOutline, type Terminal } from './arrowTargets'
import { type Box, circleCenter, dist, type Point } from './geometry'
import type { ArrowBody } from './items'
import { OP_ARC, OP_LINE, OP_MOVE, polylinePath } from './paths'
import { BOUND_ARROW_OFFSET, MIN_ARROW_LENGTH } from './style'

export interface ArrowGeometry {
  readonly start: Point
  readonly end: Point
  readonly body: ArrowBody
  readonly path: number[]
  readonly length: number
}

/** tldraw's straight arrow info: terminals clipped to the targets, then pulled back by the head gaps. */
export function straightArrow(
  s: Terminal,
  e: Terminal,
  gapStart: number,
  gapEnd: number,
  scale: number,
  relation: string,
): ArrowGeometry | null {
  if (dist(s.handle, e.handle) < 1e-9) return null
  const ux = (e.handle.x - s.handle.x) / dist(s.handle, e.handle)
  const uy = (e.handle.y - s.handle.y) / dist(s.handle, e.handle)
  let a = s.handle
  let b = e.handle
  let endHit = false
  let startHit = false
  if (e.target && !e.isExact) {
    const hit = clipToOutline(e.target, s.handle, e.handle)
    if (hit) {
      b = hit
      endHit = true
    }
  }
  if (s.target && !s.isExact) {
    const hit = clipToOutline(s.target, e.handle, s.handle)
    if (hit) {
      a = hit
      startHit = true
    }
  }
  const minArrow = MIN_ARROW_LENGTH * scale
  if (relation === 'safe' && s.target && e.target && !s.isExact && !e.isExact) {
    // One end buried inside its target: keep a stub pointing the right way.
    if (endHit && !startHit) a = { x: b.x + ux * minArrow, y: b.y + uy * minArrow }
    else if (!endHit) b = { x: a.x - ux * minArrow, y: a.y - uy * minArrow }
  }
  const length = dist(a, b)
  const dx = length ? (b.x - a.x) / length : ux
  const dy = length ? (b.y - a.y) / length : uy
  let offsetA = gapStart
  let offsetB = gapEnd
  const minLength =
    minArrow +
    (gapStart ? gapStart - BOUND_ARROW_OFFSET * scale : 0) +
    (gapEnd ? gapEnd - BOUND_ARROW_OFFSET * scale : 0)
  if (length - offsetA - offsetB < minLength) {
    // Too short to leave the gaps: tldraw pushes the heads outwards instead.
    if (offsetA && offsetB) {
      offsetA *= -1.5
      offsetB *= -1.5
    } else {
      offsetA *= -1
      offsetB *= -1
    }
  }
  const start = { x: a.x + dx * offsetA, y: a.y + dy * offsetA }
  const end = { x: b.x - dx * offsetB, y: b.y - dy * offsetB }
  return {
    start,
    end,
    body: { kind: 'line', ax: start.x, ay: start.y, bx: end.x, by: end.y },
    path: [OP_MOVE, start.x, start.y, OP_LINE, end.x, end.y],
    length: dist(start, end),
  }
}

function angleOf(cx: number, cy: number, p: Point): number {
  return Math.atan2(p.y - cy, p.x - cx)
}

/** The angle from a0 to a1 going clockwise on screen (increasing angle), in [0, 2π). */
function clockwiseDistance(a0: number, a1: number): number {
  const d = (a1 - a0) % (Math.PI * 2)
  return d < 0 ? d + Math.PI * 2 : d
}

/**
 * tldraw's curved arrow: a circular arc through both terminals and the point `bend` off their
 * middle. Bound ends move to where the circle crosses the target's outline (the crossing nearest
 * a quarter of the way in from that end), then back along the arc by the head gaps.
 */
export function arcArrow(
  s: Terminal,
  e: Terminal,
  bend: number,
  gapStart: number,
  gapEnd: number,
): ArrowGeometry | null {
  const A = s.handle
  const B = e.handle
  const d = dist(A, B)
  if (d < 1e-9) return null
  const ux = (B.x - A.x) / d
  const uy = (B.y - A.y) / d
  const M = { x: (A.x + B.x) / 2 - uy * bend, y: (A.y + B.y) / 2 + ux * bend }
  const center = circleCenter(A.x, A.y, B.x, B.y, M.x, M.y)
  if (!center) return null
  const r = dist(center, A)
  const a0 = angleOf(center.x, center.y, A)
  const cwToB = clockwiseDistance(a0, angleOf(center.x, center.y, B))
  const cwToM = clockwiseDistance(a0, angleOf(center.x, center.y, M))
  const dir = cwToM < cwToB ? 1 : -1
  const span = dir === 1 ? cwToB : Math.PI * 2 - cwToB
  // Positions along the arc as angles travelled from A, in [0, span].
  const along = (p: Point) => {
    const cw = clockwiseDistance(a0, angleOf(center.x, center.y, p))
    return dir === 1 ? cw : (Math.PI * 2 - cw) % (Math.PI * 2)
  }
  const pickHit = (target: BindTarget, goal: number): number | null => {
    let best: number | null = null
    for (const hit of circleHits(target, center.x, center.y, r)) {
      const t = along(hit)
      if (t > span) continue
      if (best === null || Math.abs(t - goal) < Math.abs(best - goal)) best = t
    }
    return best
  }
  let t0 = 0
  let t1 = span
  if (s.target && !s.isExact) t0 = pickHit(s.target, span * 0.25) ?? 0
  if (e.target && !e.isExact) t1 = pickHit(e.target, span * 0.75) ?? span
  const g0 = gapStart / r
  const g1 = gapEnd / r
  if (t1 - g1 - (t0 + g0) > MIN_ARROW_LENGTH / r) {
    t0 += g0
    t1 -= g1
  }
  if (t1 <= t0) {
    t0 = 0
    t1 = span
  }
  const start = { x: center.x + Math.cos(a0 + dir * t0) * r, y: center.y + Math.sin(a0 + dir * t0) * r }
  const end = { x: center.x + Math.cos(a0 + dir * t1) * r, y: center.y + Math.sin(a0 + dir * t1) * r }
  const sweep = dir * (t1 - t0)
  const startAngle = a0 + dir * t0
  return {
    start,
    end,
    body: { kind: 'arc', cx: center.x, cy: center.y, r, a0: startAngle, sweep },
    path: [
      OP_MOVE,
      start.x,
      start.y,
      OP_ARC,
      center.x,
      center.y,
      r,
      startAngle,
      startAngle + sweep,
      dir === 1 ? 0 : 1,
    ],
    length: Math.abs(sweep) * r,
  }
}

type Side = 'left' | 'right' | 'top' | 'bottom'

function boxCenter(box: Box): Point {
  return { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 }
}

/** Where an elbow arrow leaves (or enters) its end: a side's middle, `gap` off the target. */
function elbowPort(t: Terminal, side: Side, gap: number): Point {
  if (!t.target) return t.handle
  const box = t.target.box
  const c = boxCenter(box)
  switch (side) {
    case 'left':
      return { x: box.minX - gap, y: c.y }
    case 'right':
      return { x: box.maxX + gap, y: c.y }
    case 'top':
      return { x: c.x, y: box.minY - gap }
    default:
      return { x: c.x, y: box.maxY + gap }
  }
}

/** Which way a side faces: its unit normal. */
const SIDE_NORMALS: Record<Side, Point> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
}

/** Whether point q lies out past p along the side's normal (so a leg can leave that way). */
function isAhead(p: Point, side: Side, q: Point): boolean {
  const n = SIDE_NORMALS[side]
  return (q.x - p.x) * n.x + (q.y - p.y) * n.y > 0.5
}

/**
 * The points of an elbow route leaving A by `sideA` and entering B by `sideB`, or null when the
 * route would have to double back (then another pair of sides is tried).
 */
function elbowRoute(
  s: Terminal,
  e: Terminal,
  sideA: Side,
  sideB: Side,
  gaps: readonly [number, number],
  mid: number,
): Point[] | null {
  const a = elbowPort(s, sideA, gaps[0])
  const b = elbowPort(e, sideB, gaps[1])
  const horizontalA = sideA === 'left' || sideA === 'right'
  const horizontalB = sideB === 'left' || sideB === 'right'
  if (horizontalA !== horizontalB) {
    // One bend: along A's axis, then along B's.
    const corner = horizontalA ? { x: b.x, y: a.y } : { x: a.x, y: b.y }
    const leavesA = !s.target || isAhead(a, sideA, corner)
    const entersB = !e.target || isAhead(b, sideB, corner)
    return leavesA && entersB ? [a, corner, b] : null
  }
  // Two bends, split at elbowMidPoint: only when the ends face each other across a gap.
  if (s.target && !isAhead(a, sideA, b)) return null
  if (e.target && !isAhead(b, sideB, a)) return null
  if (horizontalA) {
    const x = a.x + (b.x - a.x) * mid
    return [a, { x, y: a.y }, { x, y: b.y }, b]
  }
  const y = a.y + (b.y - a.y) * mid
  return [a, { x: a.x, y }, { x: b.x, y }, b]
}

/**
 * An elbow arrow, approximated: tldraw 5 routes these around both targets, preferring few bends.
 * Here the route leaves and enters by sides facing the other end, with one bend when that works
 * (along the wider gap first), else two, split at props.elbowMidPoint.
 */
export function elbowArrow(
  s: Terminal,
  e: Terminal,
  gapStart: number,
  gapEnd: number,
  mid: number,
): ArrowGeometry | null {
  const ca = s.target ? boxCenter(s.target.box) : s.handle
  const cb = e.target ? boxCenter(e.target.box) : e.handle
  const sx: Side = cb.x >= ca.x ? 'right' : 'left'
  const sy: Side = cb.y >= ca.y ? 'bottom' : 'top'
  const ex: Side = sx === 'right' ? 'left' : 'right'
  const ey: Side = sy === 'bottom' ? 'top' : 'bottom'
  const wide = Math.abs(cb.x - ca.x) >= Math.abs(cb.y - ca.y)
  const candidates: [Side, Side][] = wide
    ? [
        [sx, ey],
        [sy, ex],
        [sx, ex],
        [sy, ey],
      ]
    : [
        [sy, ex],
        [sx, ey],
        [sy, ey],
        [sx, ex],
      ]
  let route: Point[] | null = null
  for (const [sideA, sideB] of candidates) {
    route = elbowRoute(s, e, sideA, sideB, [gapStart, gapEnd], mid)
    if (route) break
  }
  // Overlapping targets: straight across between the facing sides.
  route ??= [elbowPort(s, wide ? sx : sy, gapStart), elbowPort(e, wide ? ex : ey, gapEnd)]
  const clean: number[] = []
  for (const p of route) {
    const n = clean.length
    if (n && Math.abs(p.x - (clean[n - 2] ?? 0)) + Math.abs(p.y - (clean[n - 1] ?? 0)) < 0.01) continue
    clean.push(p.x, p.y)
  }
  if (clean.length < 4) return null
  let length = 0
  for (let i = 2; i + 1 < clean.length; i += 2) {
    length += Math.hypot((clean[i] ?? 0) - (clean[i - 2] ?? 0), (clean[i + 1] ?? 0) - (clean[i - 1] ?? 0))
  }
  const start = { x: clean[0] ?? 0, y: clean[1] ?? 0 }
  const end = { x: clean[clean.length - 2] ?? 0, y: clean[clean.length - 1] ?? 0 }
  return { start, end, body: { kind: 'polyline', pts: clean }, path: polylinePath(clean), length }
}
