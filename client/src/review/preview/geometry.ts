/**
 * Plane geometry for the preview scene: affine transforms (Mat), points and page-space boxes.
 */

// ---------------------------------------------------------------------------------------------
// Transforms

/** An affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export interface Mat {
  readonly a: number
  readonly b: number
  readonly c: number
  readonly d: number
  readonly e: number
  readonly f: number
}

export const IDENTITY: Mat = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }

/** `p` followed by `l` (a point goes through `l` first). */
export function multiply(p: Mat, l: Mat): Mat {
  return {
    a: p.a * l.a + p.c * l.b,
    b: p.b * l.a + p.d * l.b,
    c: p.a * l.c + p.c * l.d,
    d: p.b * l.c + p.d * l.d,
    e: p.a * l.e + p.c * l.f + p.e,
    f: p.b * l.e + p.d * l.f + p.f,
  }
}

/** A shape's transform relative to its parent: translate to (x, y), then rotate. */
export function localTransform(x: number, y: number, rotation: number): Mat {
  if (rotation === 0) return { a: 1, b: 0, c: 0, d: 1, e: x, f: y }
  const cos = Math.cos(rotation)
  const sin = Math.sin(rotation)
  return { a: cos, b: sin, c: -sin, d: cos, e: x, f: y }
}

export function invert(m: Mat): Mat {
  const det = m.a * m.d - m.b * m.c || 1
  return {
    a: m.d / det,
    b: -m.b / det,
    c: -m.c / det,
    d: m.a / det,
    e: (m.c * m.f - m.d * m.e) / det,
    f: (m.b * m.e - m.a * m.f) / det,
  }
}

export interface Point {
  readonly x: number
  readonly y: number
}

export function applyMat(m: Mat, x: number, y: number): Point {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f }
}

// ---------------------------------------------------------------------------------------------
// Boxes

/** An axis-aligned box in page space. */
export interface Box {
  readonly minX: number
  readonly minY: number
  readonly maxX: number
  readonly maxY: number
}

/** The page-space box around a local rectangle put through `m` (rotation included). */
export function rectBox(m: Mat, x: number, y: number, w: number, h: number): Box {
  return pointsBox(m, [x, y, x + w, y, x + w, y + h, x, y + h])
}

/** The page-space box around flat local points [x0, y0, x1, y1, …] put through `m`. */
export function pointsBox(m: Mat, pts: readonly number[]): Box {
  if (pts.length < 2) return rectBox(m, 0, 0, 0, 0)
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const lx = pts[i] ?? 0
    const ly = pts[i + 1] ?? 0
    const px = m.a * lx + m.c * ly + m.e
    const py = m.b * lx + m.d * ly + m.f
    if (px < minX) minX = px
    if (px > maxX) maxX = px
    if (py < minY) minY = py
    if (py > maxY) maxY = py
  }
  return { minX, minY, maxX, maxY }
}

export function unionBox(a: Box | null, b: Box): Box {
  if (!a) return b
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  }
}

export function contains(a: Box, b: Box): boolean {
  return a.minX <= b.minX && a.minY <= b.minY && a.maxX >= b.maxX && a.maxY >= b.maxY
}

// ---------------------------------------------------------------------------------------------
// Points and circles

export function dist(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y)
}

export function circleCenter(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): Point | null {
  const u = -2 * (ax * (by - cy) - ay * (bx - cx) + bx * cy - cx * by)
  const a2 = ax * ax + ay * ay
  const b2 = bx * bx + by * by
  const c2 = cx * cx + cy * cy
  const x = (a2 * (cy - by) + b2 * (ay - cy) + c2 * (by - ay)) / u
  const y = (a2 * (bx - cx) + b2 * (cx - ax) + c2 * (ax - bx)) / u
  return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null
}
