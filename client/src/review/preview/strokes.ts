/**
 * Scene items for freehand and line shapes: decoding draw/highlight segments (tldraw 5's base64
 * points), smoothing them, line shape points and splines, and the stroke and highlight items.
 */
import { pointsBox } from './geometry'
import { type Context, fillOf, type HighlightItem, type ItemBase, type StrokeItem } from './items'
import { dashRuns, dashStyle, PathWriter, polylinePath, roundedPath } from './paths'
import { num, type Props, str } from './records'
import { HIGHLIGHT_WIDTH_FACTOR, paletteColor, STROKE_WIDTHS, sizeName, TEXT_FONT_SIZES } from './style'

// ---------------------------------------------------------------------------------------------
// Draw shape segments (tldraw 5 stores their points as base64 strings)

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const BASE64_LOOKUP = new Uint8Array(128)
for (let i = 0; i < BASE64.length; i++) BASE64_LOOKUP[BASE64.charCodeAt(i)] = i

function base64Bytes(text: string): Uint8Array {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--
  const bytes = new Uint8Array(Math.floor((end * 3) / 4))
  let out = 0
  let buffer = 0
  let bits = 0
  for (let i = 0; i < end; i++) {
    buffer = (buffer << 6) | (BASE64_LOOKUP[text.charCodeAt(i) & 127] ?? 0)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[out++] = (buffer >> bits) & 255
    }
  }
  return bytes
}

/** An IEEE half-precision float from its 16 bits. */
function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >> 10) & 31
  const fraction = bits & 1023
  if (exponent === 0) return sign * fraction * 2 ** -24
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024)
}

/**
 * The points of a draw/highlight segment path as flat [x, y, …]. tldraw 5 encodes them (b64Vecs)
 * as base64 of: the first point as float32 x, y (and z pressure unless the segment's `dim` is 2),
 * then every further point as float16 deltas from the previous one. Pressure is dropped here.
 */
export function decodeDrawPoints(path: string, dim = 3): number[] {
  if (!path) return []
  const bytes = base64Bytes(path)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const firstBytes = dim === 2 ? 8 : 12
  const deltaBytes = dim === 2 ? 4 : 6
  if (bytes.length < firstBytes) return []
  let x = view.getFloat32(0, true)
  let y = view.getFloat32(4, true)
  const pts = [x, y]
  for (let at = firstBytes; at + 4 <= bytes.length; at += deltaBytes) {
    x += float16(view.getUint16(at, true))
    y += float16(view.getUint16(at + 2, true))
    pts.push(x, y)
  }
  return pts
}

const segmentPointsCache = new WeakMap<object, number[]>()

/** Every point of a draw shape's segments, scaled by scaleX/scaleY (flat, local space). */
function drawPoints(props: Props): number[] {
  const segments = props.segments
  if (!Array.isArray(segments)) return []
  let pts = segmentPointsCache.get(segments)
  if (!pts) {
    pts = []
    for (const segment of segments) {
      if (typeof segment !== 'object' || segment === null) continue
      const s = segment as Record<string, unknown>
      if (typeof s.path === 'string') pts.push(...decodeDrawPoints(s.path, s.dim === 2 ? 2 : 3))
      else if (Array.isArray(s.points)) {
        // Records from before the base64 encoding.
        for (const p of s.points) {
          const point = p as Record<string, unknown>
          pts.push(num(point?.x, 0), num(point?.y, 0))
        }
      }
    }
    segmentPointsCache.set(segments, pts)
  }
  const sx = num(props.scaleX, 1)
  const sy = num(props.scaleY, 1)
  if (sx === 1 && sy === 1) return pts
  return pts.map((v, i) => (i % 2 ? v * sy : v * sx))
}

/** A freehand stroke through points, smoothed with quadratic curves through the midpoints. */
function smoothPath(pts: readonly number[], closed: boolean): number[] {
  const n = pts.length / 2
  const p = new PathWriter()
  if (n < 3) {
    p.move(pts[0] ?? 0, pts[1] ?? 0)
    if (n === 2) p.line(pts[2] ?? 0, pts[3] ?? 0)
    return closed ? p.close().d : p.d
  }
  const x = (i: number) => pts[2 * ((i + n) % n)] ?? 0
  const y = (i: number) => pts[2 * ((i + n) % n) + 1] ?? 0
  if (closed) {
    p.move((x(0) + x(1)) / 2, (y(0) + y(1)) / 2)
    for (let i = 1; i <= n; i++) p.quad(x(i), y(i), (x(i) + x(i + 1)) / 2, (y(i) + y(i + 1)) / 2)
    return p.close().d
  }
  p.move(x(0), y(0))
  for (let i = 1; i < n - 1; i++) p.quad(x(i), y(i), (x(i) + x(i + 1)) / 2, (y(i) + y(i + 1)) / 2)
  return p.line(x(n - 1), y(n - 1)).d
}

/** Whether every point is (nearly) the same: tldraw then draws a dot. */
function isDot(pts: readonly number[]): boolean {
  for (let i = 2; i + 1 < pts.length; i += 2) {
    if (Math.abs((pts[i] ?? 0) - (pts[0] ?? 0)) > 0.5 || Math.abs((pts[i + 1] ?? 0) - (pts[1] ?? 0)) > 0.5)
      return false
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// Lines (tldraw's line shape)

/** A line shape's points ordered by their fractional index, as flat [x, y, …]. */
function linePoints(props: Props): number[] {
  const raw = props.points
  if (typeof raw !== 'object' || raw === null) return []
  const points = Object.values(raw as Record<string, unknown>)
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
    .sort((a, b) => {
      const ia = str(a.index, '')
      const ib = str(b.index, '')
      return ia < ib ? -1 : ia > ib ? 1 : 0
    })
  const pts: number[] = []
  let last: string | null = null
  for (const p of points) {
    if (p.index === last) continue
    last = str(p.index, '')
    pts.push(num(p.x, 0), num(p.y, 0))
  }
  return pts
}

/** tldraw's cubic spline through points (PathBuilder.cubicSplineThroughPoints). */
function cubicSplinePath(pts: readonly number[]): number[] {
  const n = pts.length / 2
  const x = (i: number) => pts[2 * i] ?? 0
  const y = (i: number) => pts[2 * i + 1] ?? 0
  const k = 1.25
  const p = new PathWriter().move(x(0), y(0))
  for (let i = 0; i < n - 1; i++) {
    const i0 = i === 0 ? 0 : i - 1
    const i3 = i === n - 2 ? i + 1 : i + 2
    const c1x = i === 0 ? x(0) : x(i) + ((x(i + 1) - x(i0)) / 6) * k
    const c1y = i === 0 ? y(0) : y(i) + ((y(i + 1) - y(i0)) / 6) * k
    const c2x = i === n - 2 ? x(i + 1) : x(i + 1) - ((x(i3) - x(i)) / 6) * k
    const c2y = i === n - 2 ? y(i + 1) : y(i + 1) - ((y(i3) - y(i)) / 6) * k
    p.cubic(c1x, c1y, c2x, c2y, x(i + 1), y(i + 1))
  }
  return p.d
}

// ---------------------------------------------------------------------------------------------
// Stroke items

/** What the stroke items share: where they are drawn, and their page box around the points. */
function strokeBase(id: string, ctx: Context, pts: readonly number[], strokeWidth: number): ItemBase {
  return { id, m: ctx.m, opacity: ctx.opacity, clip: ctx.clip, box: pointsBox(ctx.m, pts), pad: strokeWidth }
}

export function drawItem(id: string, props: Props, ctx: Context): StrokeItem | null {
  const pts = drawPoints(props)
  if (pts.length < 2) return null
  const scale = num(props.scale, 1)
  const strokeWidth = (STROKE_WIDTHS[sizeName(props.size)] + 1) * scale
  const closed = props.isClosed === true
  const dash = dashStyle(props.dash)
  const dot = isDot(pts) ? { x: pts[0] ?? 0, y: pts[1] ?? 0 } : null
  return {
    kind: 'stroke',
    ...strokeBase(id, ctx, pts, strokeWidth),
    path: smoothPath(pts, closed),
    stroke: paletteColor(props.color).solid,
    strokeWidth: dash === 'none' ? 0 : strokeWidth,
    fill: closed && pts.length > 4 ? fillOf(props.fill, props.color) : null,
    lineDash:
      dash === 'dashed'
        ? [strokeWidth * 2, strokeWidth * 2]
        : dash === 'dotted'
          ? [0.1, strokeWidth * 2]
          : null,
    runs: null,
    dot,
  }
}

export function highlightItem(id: string, props: Props, ctx: Context): HighlightItem | null {
  const pts = drawPoints(props)
  if (pts.length < 2) return null
  const scale = num(props.scale, 1)
  const strokeWidth = TEXT_FONT_SIZES[sizeName(props.size)] * HIGHLIGHT_WIDTH_FACTOR * scale
  return {
    kind: 'highlight',
    ...strokeBase(id, ctx, pts, strokeWidth),
    path: smoothPath(pts, false),
    color: paletteColor(props.color).highlight,
    strokeWidth,
    dot: isDot(pts) ? { x: pts[0] ?? 0, y: pts[1] ?? 0 } : null,
  }
}

export function lineItem(id: string, props: Props, ctx: Context): StrokeItem | null {
  const pts = linePoints(props)
  if (pts.length < 4) return null
  const strokeWidth = STROKE_WIDTHS[sizeName(props.size)] * num(props.scale, 1)
  const dash = dashStyle(props.dash)
  const path =
    props.spline === 'cubic'
      ? cubicSplinePath(pts)
      : dash === 'draw'
        ? roundedPath(pts, strokeWidth * 2, false)
        : polylinePath(pts)
  return {
    kind: 'stroke',
    ...strokeBase(id, ctx, pts, strokeWidth),
    path,
    stroke: paletteColor(props.color).solid,
    strokeWidth: dash === 'none' ? 0 : strokeWidth,
    fill: null,
    lineDash: null,
    runs: dash === 'dashed' || dash === 'dotted' ? dashRuns(path, strokeWidth, dash) : null,
    dot: null,
  }
}
