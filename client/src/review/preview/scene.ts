/**
 * Turns a tldraw board (plain JSON records, tldraw 5.4.2 schema) into a paint list for the
 * preview renderer. Pure and DOM-free: everything that needs no text measuring is worked out
 * here (page transforms, outlines, arrow routes, colours, label paragraphs), so painting is a
 * straight walk over the list. Text is wrapped when painting, where it can be measured.
 *
 * Geometry follows tldraw's own shape utils (GeoShapeUtil and its path helpers, the arrow's
 * straight/curved/elbow info, DrawShapeUtil, LineShapeUtil…), simplified where noted.
 */
import {
  ARROW_LABEL_FONT_SIZES,
  BOUND_ARROW_OFFSET,
  fontFamily,
  GEO_LABEL_MIN_WIDTHS,
  HIGHLIGHT_WIDTH_FACTOR,
  LABEL_FONT_SIZES,
  LABEL_PADDING,
  LABEL_TO_ARROW_PADDING,
  lineHeightPx,
  MIN_ARROW_BEND,
  MIN_ARROW_LENGTH,
  NOTE_SIZE,
  paletteColor,
  type SizeName,
  STROKE_WIDTHS,
  sizeName,
  TEXT_FONT_SIZES,
  THEME,
} from './style'
import { type LabelText, labelText, layoutKey, type TextAlign, type TextLayout, type TextStyle } from './text'

/** A tldraw record as plain JSON: {id, typeName, type, x, y, rotation, index, parentId, opacity, props, meta, ...}. */
export type BoardRecordJson = Record<string, unknown>

// ---------------------------------------------------------------------------------------------
// Reading records

type Props = Record<string, unknown>

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

function propsOf(record: BoardRecordJson): Props {
  const props = record.props
  return typeof props === 'object' && props !== null ? (props as Props) : {}
}

/** tldraw orders siblings by fractional index, compared as plain strings (sortByIndex). */
function byIndex(a: BoardRecordJson, b: BoardRecordJson): number {
  const ia = str(a.index, '')
  const ib = str(b.index, '')
  if (ia < ib) return -1
  if (ia > ib) return 1
  const da = str(a.id, '')
  const db = str(b.id, '')
  return da < db ? -1 : da > db ? 1 : 0
}

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
function localTransform(x: number, y: number, rotation: number): Mat {
  if (rotation === 0) return { a: 1, b: 0, c: 0, d: 1, e: x, f: y }
  const cos = Math.cos(rotation)
  const sin = Math.sin(rotation)
  return { a: cos, b: sin, c: -sin, d: cos, e: x, f: y }
}

function invert(m: Mat): Mat {
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
function rectBox(m: Mat, x: number, y: number, w: number, h: number): Box {
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (let i = 0; i < 4; i++) {
    const lx = i === 1 || i === 2 ? x + w : x
    const ly = i >= 2 ? y + h : y
    const px = m.a * lx + m.c * ly + m.e
    const py = m.b * lx + m.d * ly + m.f
    if (px < minX) minX = px
    if (px > maxX) maxX = px
    if (py < minY) minY = py
    if (py > maxY) maxY = py
  }
  return { minX, minY, maxX, maxY }
}

/** The page-space box around flat local points [x0, y0, x1, y1, …] put through `m`. */
function pointsBox(m: Mat, pts: readonly number[]): Box {
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

function unionBox(a: Box | null, b: Box): Box {
  if (!a) return b
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  }
}

// ---------------------------------------------------------------------------------------------
// Paths: a flat list of commands the painter replays on a canvas context.

export const OP_MOVE = 0 // x y
export const OP_LINE = 1 // x y
export const OP_QUAD = 2 // cx cy x y
export const OP_CUBIC = 3 // c1x c1y c2x c2y x y
export const OP_ARC = 4 // cx cy r startAngle endAngle anticlockwise(0|1), as CanvasPath.arc
export const OP_ELLIPSE = 5 // cx cy rx ry startAngle endAngle (clockwise)
export const OP_CLOSE = 6

/** A path as flat commands: an op code followed by its numbers (see OP_*). */
export type PathData = readonly number[]

/** How many numbers follow each op code. */
export const OP_ARITY: readonly number[] = [2, 2, 4, 6, 6, 6, 0]

class PathWriter {
  readonly d: number[] = []
  move(x: number, y: number): this {
    this.d.push(OP_MOVE, x, y)
    return this
  }
  line(x: number, y: number): this {
    this.d.push(OP_LINE, x, y)
    return this
  }
  quad(cx: number, cy: number, x: number, y: number): this {
    this.d.push(OP_QUAD, cx, cy, x, y)
    return this
  }
  cubic(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): this {
    this.d.push(OP_CUBIC, c1x, c1y, c2x, c2y, x, y)
    return this
  }
  arc(cx: number, cy: number, r: number, a0: number, a1: number, anticlockwise: boolean): this {
    this.d.push(OP_ARC, cx, cy, r, a0, a1, anticlockwise ? 1 : 0)
    return this
  }
  ellipse(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): this {
    this.d.push(OP_ELLIPSE, cx, cy, rx, ry, a0, a1)
    return this
  }
  close(): this {
    this.d.push(OP_CLOSE)
    return this
  }
}

/** A closed polygon (flat points) as a path. */
function polygonPath(pts: readonly number[]): number[] {
  const p = new PathWriter()
  p.move(pts[0] ?? 0, pts[1] ?? 0)
  for (let i = 2; i + 1 < pts.length; i += 2) p.line(pts[i] ?? 0, pts[i + 1] ?? 0)
  return p.close().d
}

/** An open polyline (flat points) as a path. */
function polylinePath(pts: readonly number[]): number[] {
  const p = new PathWriter()
  p.move(pts[0] ?? 0, pts[1] ?? 0)
  for (let i = 2; i + 1 < pts.length; i += 2) p.line(pts[i] ?? 0, pts[i + 1] ?? 0)
  return p.d
}

/**
 * A polygon or polyline with its corners rounded the way tldraw's "draw" style does
 * (PathBuilder.toDrawD): a corner turning by up to 90° gets the full `roundness`, sharper ones
 * less (none at 180°), never more than a quarter of either side; corners become quadratic curves.
 */
export function roundedPath(pts: readonly number[], roundness: number, closed: boolean): number[] {
  const n = pts.length / 2
  if (n < 3 || roundness <= 0) return closed ? polygonPath(pts) : polylinePath(pts)
  const px = (i: number) => pts[2 * ((i + n) % n)] ?? 0
  const py = (i: number) => pts[2 * ((i + n) % n) + 1] ?? 0
  const corner = (i: number) => {
    const x = px(i)
    const y = py(i)
    const inX = x - px(i - 1)
    const inY = y - py(i - 1)
    const outX = px(i + 1) - x
    const outY = py(i + 1) - y
    const inLen = Math.hypot(inX, inY) || 1
    const outLen = Math.hypot(outX, outY) || 1
    const cos = (inX * outX + inY * outY) / (inLen * outLen)
    // Full roundness up to a right-angle turn, fading to none at a hairpin.
    const r =
      cos >= 0 ? roundness : roundness * Math.max(0, (Math.PI - Math.acos(Math.max(-1, cos))) / (Math.PI / 2))
    const before = Math.min(r, inLen / 4)
    const after = Math.min(r, outLen / 4)
    return {
      x,
      y,
      sx: x - (inX / inLen) * before,
      sy: y - (inY / inLen) * before,
      ex: x + (outX / outLen) * after,
      ey: y + (outY / outLen) * after,
    }
  }
  const p = new PathWriter()
  if (closed) {
    const first = corner(0)
    p.move(first.ex, first.ey)
    for (let i = 1; i <= n; i++) {
      const c = i === n ? first : corner(i)
      p.line(c.sx, c.sy).quad(c.x, c.y, c.ex, c.ey)
    }
    return p.close().d
  }
  p.move(px(0), py(0))
  for (let i = 1; i < n - 1; i++) {
    const c = corner(i)
    p.line(c.sx, c.sy).quad(c.x, c.y, c.ex, c.ey)
  }
  return p.line(px(n - 1), py(n - 1)).d
}

/** Normalises an arc's end angle so it is reached going the arc's way from its start. */
function arcSweep(a0: number, a1: number, anticlockwise: boolean): number {
  let sweep = a1 - a0
  if (!anticlockwise && sweep < 0) sweep += Math.PI * 2 * Math.ceil(-sweep / (Math.PI * 2))
  if (anticlockwise && sweep > 0) sweep -= Math.PI * 2 * Math.ceil(sweep / (Math.PI * 2))
  return sweep
}

/** One drawing segment of a path: where it starts, and its op at `at` in the path. */
interface Segment {
  readonly x0: number
  readonly y0: number
  readonly at: number
  readonly op: number
  /** The subpath it belongs to is closed. */
  readonly closedPath: boolean
  readonly first: boolean
  readonly last: boolean
  /** For a closing segment: where the subpath started. */
  readonly toX: number
  readonly toY: number
}

/** Samples a segment into `out` (flat points, start excluded). */
function sampleSegment(path: PathData, s: Segment, out: number[], steps = 8): void {
  const v = (k: number) => path[s.at + 1 + k] ?? 0
  switch (s.op) {
    case OP_LINE:
      out.push(v(0), v(1))
      return
    case OP_CLOSE:
      out.push(s.toX, s.toY)
      return
    case OP_QUAD:
      for (let i = 1; i <= steps; i++) {
        const t = i / steps
        const u = 1 - t
        out.push(
          u * u * s.x0 + 2 * u * t * v(0) + t * t * v(2),
          u * u * s.y0 + 2 * u * t * v(1) + t * t * v(3),
        )
      }
      return
    case OP_CUBIC:
      for (let i = 1; i <= steps; i++) {
        const t = i / steps
        const u = 1 - t
        const a = u * u * u
        const b = 3 * u * u * t
        const c = 3 * u * t * t
        const d = t * t * t
        out.push(a * s.x0 + b * v(0) + c * v(2) + d * v(4), a * s.y0 + b * v(1) + c * v(3) + d * v(5))
      }
      return
    case OP_ARC: {
      const sweep = arcSweep(v(3), v(4), v(5) === 1)
      const n = Math.max(2, Math.ceil(Math.abs(sweep) / (Math.PI / 16)))
      for (let i = 0; i <= n; i++) {
        const a = v(3) + (sweep * i) / n
        out.push(v(0) + Math.cos(a) * v(2), v(1) + Math.sin(a) * v(2))
      }
      return
    }
    case OP_ELLIPSE: {
      const sweep = arcSweep(v(4), v(5), false)
      const n = Math.max(2, Math.ceil(Math.abs(sweep) / (Math.PI / 24)))
      for (let i = 0; i <= n; i++) {
        const a = v(4) + (sweep * i) / n
        out.push(v(0) + Math.cos(a) * v(2), v(1) + Math.sin(a) * v(3))
      }
      return
    }
  }
}

/** Splits a path into its drawing segments (moves are not segments). */
function segmentsOf(path: PathData): Segment[] {
  const segments: Segment[] = []
  let x = 0
  let y = 0
  let startX = 0
  let startY = 0
  let subpath: { first: number; closed: boolean } = { first: 0, closed: false }
  const subpaths: { first: number; closed: boolean }[] = []
  const raw: Omit<Segment, 'closedPath' | 'first' | 'last'>[] = []
  const owner: number[] = []
  for (let i = 0; i < path.length; ) {
    const op = path[i] ?? OP_CLOSE
    const v = (k: number) => path[i + 1 + k] ?? 0
    if (op === OP_MOVE) {
      x = v(0)
      y = v(1)
      startX = x
      startY = y
      subpath = { first: raw.length, closed: false }
      subpaths.push(subpath)
    } else {
      if (subpaths.length === 0) subpaths.push(subpath)
      raw.push({ x0: x, y0: y, at: i, op, toX: startX, toY: startY })
      owner.push(subpaths.length - 1)
      if (op === OP_CLOSE) {
        subpath.closed = true
        x = startX
        y = startY
      } else {
        const end: number[] = []
        sampleSegment(
          path,
          { x0: x, y0: y, at: i, op, closedPath: false, first: false, last: false, toX: 0, toY: 0 },
          end,
          1,
        )
        x = end[end.length - 2] ?? x
        y = end[end.length - 1] ?? y
      }
    }
    i += 1 + (OP_ARITY[op] ?? 0)
  }
  for (let k = 0; k < raw.length; k++) {
    const s = raw[k] as Omit<Segment, 'closedPath' | 'first' | 'last'>
    const sp = subpaths[owner[k] ?? 0] as { first: number; closed: boolean }
    const next = owner[k + 1]
    segments.push({
      ...s,
      closedPath: sp.closed,
      first: k === sp.first,
      last: next === undefined || next !== owner[k],
    })
  }
  return segments
}

function segmentLength(path: PathData, s: Segment): number {
  const pts: number[] = []
  sampleSegment(path, s, pts, 12)
  let length = 0
  let px = s.x0
  let py = s.y0
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const x = pts[i] ?? 0
    const y = pts[i + 1] ?? 0
    length += Math.hypot(x - px, y - py)
    px = x
    py = y
  }
  return length
}

/** The first subpath of a path flattened to a polygon (flat points), for hit geometry. */
export function flattenOutline(path: PathData): number[] {
  const pts: number[] = []
  for (const s of segmentsOf(path)) {
    if (s.first) {
      if (pts.length) break
      pts.push(s.x0, s.y0)
    }
    sampleSegment(path, s, pts)
  }
  return pts
}

// ---------------------------------------------------------------------------------------------
// Dashes

export type DashStyle = 'draw' | 'solid' | 'dashed' | 'dotted' | 'none'

function dashStyle(value: unknown): DashStyle {
  return value === 'solid' || value === 'dashed' || value === 'dotted' || value === 'none' ? value : 'draw'
}

/** One separately dashed piece of a stroke: tldraw fits a whole number of dashes to each segment. */
export interface DashRun {
  readonly path: PathData
  readonly dash: readonly number[]
  readonly offset: number
}

type DashEnd = 'outset' | 'none'

/**
 * Dash length, gap and offset that fit whole dashes on a segment (tldraw's getPerfectDashProps):
 * dashes twice the stroke width (dots for `dotted`), stretched so the ends land on a dash.
 */
export function perfectDash(
  totalLength: number,
  strokeWidth: number,
  style: 'dashed' | 'dotted',
  start: DashEnd,
  end: DashEnd,
): { dash: [number, number]; offset: number } {
  const ratio = style === 'dashed' ? 1 : 100
  let dashLength = style === 'dashed' ? Math.min(strokeWidth * 2, totalLength / 4) : strokeWidth / ratio
  let length = totalLength
  let offset = 0
  if (start === 'outset') {
    length += dashLength / 2
    offset += dashLength / 2
  }
  if (end === 'outset') length += dashLength / 2
  let count = Math.floor(length / dashLength / (2 * ratio))
  if (!(count >= 1)) count = 1
  let gap: number
  if (count < 3 && style === 'dashed') {
    if (length / strokeWidth < 4) {
      dashLength = length
      gap = 0
    } else {
      dashLength = length / 3
      gap = length / 3
    }
  } else {
    dashLength = length / count / (2 * ratio)
    gap = (length - count * dashLength) / Math.max(1, count - 1)
  }
  return { dash: [dashLength, gap], offset }
}

/** A single segment as a path of its own (a move to its start, then the segment). */
function segmentPath(path: PathData, s: Segment): number[] {
  if (s.op === OP_CLOSE) return [OP_MOVE, s.x0, s.y0, OP_LINE, s.toX, s.toY]
  const out = [OP_MOVE, s.x0, s.y0]
  for (let k = 0; k <= (OP_ARITY[s.op] ?? 0); k++) out.push(path[s.at + k] ?? 0)
  return out
}

/**
 * Splits a stroke into separately dashed runs, one per segment, as tldraw's dashed paths do.
 * Inside a path and around closed ones, each run's ends get a half dash; the two free ends of an
 * open path (an arrow, a line) start and stop flush.
 */
export function dashRuns(path: PathData, strokeWidth: number, style: 'dashed' | 'dotted'): DashRun[] {
  const runs: DashRun[] = []
  for (const s of segmentsOf(path)) {
    const length = segmentLength(path, s)
    if (length < 0.01) continue
    const start: DashEnd = s.first && !s.closedPath ? 'none' : 'outset'
    const end: DashEnd = s.last && !s.closedPath ? 'none' : 'outset'
    const { dash, offset } = perfectDash(length, strokeWidth, style, start, end)
    runs.push({ path: segmentPath(path, s), dash, offset })
  }
  return runs
}

// ---------------------------------------------------------------------------------------------
// Fills

/** How a closed shape is filled: a colour, and for `pattern` the hatching over it. */
export interface Fill {
  readonly color: string
  /** The hatch colour of a `pattern` fill (drawn on the theme's near-white), or null. */
  readonly hatch: string | null
  /** What tldraw shows instead of the hatching when zoomed far out. */
  readonly fallback: string
}

/** tldraw's fill colours: semi is the theme's near-white, solid the colour's pale variant. */
function fillOf(fill: unknown, color: unknown): Fill | null {
  const c = paletteColor(color)
  switch (fill) {
    case 'semi':
      return { color: THEME.solid, hatch: null, fallback: THEME.solid }
    case 'solid':
      return { color: c.semi, hatch: null, fallback: c.semi }
    case 'fill':
      return { color: c.solid, hatch: null, fallback: c.solid }
    case 'lined-fill':
      return { color: c.linedFill, hatch: null, fallback: c.linedFill }
    case 'pattern':
      return { color: THEME.solid, hatch: c.pattern, fallback: c.semi }
    default:
      return null
  }
}

// ---------------------------------------------------------------------------------------------
// Geo outlines (tldraw's getGeoShapePath)

/** The outline of a geo shape: its path, its corners when it is a polygon, and internal lines. */
interface GeoOutline {
  /** The outline as a path (unrounded). */
  readonly outline: PathData
  /** The outline's corners when it is a polygon (rounded in the draw style). */
  readonly corners: readonly number[] | null
  /** Lines inside the shape (x-box, check-box), or null. */
  readonly inner: PathData | null
}

/** tldraw's getPolygonVertices: a regular n-gon stretched to fill w × h. */
function polygonVertices(w: number, h: number, sides: number): number[] {
  const cx = w / 2
  const cy = h / 2
  const pts: number[] = []
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (let i = 0; i < sides; i++) {
    const t = -Math.PI / 2 + (i * Math.PI * 2) / sides
    const x = cx + cx * Math.cos(t)
    const y = cy + cy * Math.sin(t)
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
    pts.push(x, y)
  }
  const pw = maxX - minX
  const ph = maxY - minY
  if (pw !== w || ph !== h) {
    for (let i = 0; i < pts.length; i += 2) {
      pts[i] = (((pts[i] ?? 0) - minX) / pw) * w
      pts[i + 1] = (((pts[i + 1] ?? 0) - minY) / ph) * h
    }
  }
  return pts
}

/** tldraw's five-pointed star, fitted to w × h. */
function starVertices(w: number, h: number): number[] {
  const sides = 5
  const step = Math.PI / sides
  const rightMost = Math.floor(sides / 4) * 2
  const leftMost = sides * 2 - rightMost
  const bottomMost = Math.floor(sides / 2) * 2
  const maxX = (Math.cos(-Math.PI / 2 + rightMost * step) * w) / 2
  const minX = (Math.cos(-Math.PI / 2 + leftMost * step) * w) / 2
  const minY = (Math.sin(-Math.PI / 2) * h) / 2
  const maxY = (Math.sin(-Math.PI / 2 + bottomMost * step) * h) / 2
  const diffX = w - Math.abs(maxX - minX)
  const diffY = h - Math.abs(maxY - minY)
  const offsetX = w / 2 + minX - (w / 2 - maxX)
  const offsetY = h / 2 + minY - (h / 2 - maxY)
  const cx = (w - offsetX) / 2
  const cy = (h - offsetY) / 2
  const ox = (w + diffX) / 2
  const oy = (h + diffY) / 2
  const pts: number[] = []
  for (let i = 0; i < sides * 2; i++) {
    const theta = -Math.PI / 2 + i * step
    pts.push(cx + (i % 2 ? ox / 2 : ox) * Math.cos(theta), cy + (i % 2 ? oy / 2 : oy) * Math.sin(theta))
  }
  return pts
}

/** tldraw's seeded random numbers (xorshift, as @tldraw/utils rng), in [-1, 1). */
function seededRandom(seed: string): () => number {
  let x = 0
  let y = 0
  let z = 0
  let w = 0
  const next = () => {
    const t = x ^ (x << 11)
    x = y
    y = z
    z = w
    w ^= ((w >>> 19) ^ t ^ (t >>> 8)) >>> 0
    return (w / 4294967296) * 2
  }
  for (let k = 0; k < seed.length + 64; k++) {
    x ^= seed.charCodeAt(k) | 0
    next()
  }
  return next
}

function ovalPerimeter(h: number, w: number): number {
  return h > w ? (Math.PI * (w / 2) + (h - w)) * 2 : (Math.PI * (h / 2) + (w - h)) * 2
}

/** Evenly spaced points around a pill (stadium) shape, as tldraw's getPillPoints. */
function pillPoints(width: number, height: number, count: number): number[] {
  const radius = Math.min(width, height) / 2
  const longSide = Math.max(width, height) - radius * 2
  const spacing = (Math.PI * radius * 2 + 2 * longSide) / count
  type Section =
    | { kind: 'line'; x: number; y: number; dx: number; dy: number }
    | { kind: 'arc'; cx: number; cy: number; a: number }
  const sections: Section[] =
    width > height
      ? [
          { kind: 'line', x: radius, y: 0, dx: 1, dy: 0 },
          { kind: 'arc', cx: width - radius, cy: radius, a: -Math.PI / 2 },
          { kind: 'line', x: width - radius, y: height, dx: -1, dy: 0 },
          { kind: 'arc', cx: radius, cy: radius, a: Math.PI / 2 },
        ]
      : [
          { kind: 'line', x: width, y: radius, dx: 0, dy: 1 },
          { kind: 'arc', cx: radius, cy: height - radius, a: 0 },
          { kind: 'line', x: 0, y: height - radius, dx: 0, dy: -1 },
          { kind: 'arc', cx: radius, cy: radius, a: Math.PI },
        ]
  const lengthOf = (s: Section) => (s.kind === 'line' ? longSide : Math.PI * radius)
  const pts: number[] = []
  let offset = 0
  for (let i = 0; i < count; i++) {
    const s = sections[0] as Section
    if (s.kind === 'line') pts.push(s.x + s.dx * offset, s.y + s.dy * offset)
    else
      pts.push(
        s.cx + Math.cos(s.a + offset / radius) * radius,
        s.cy + Math.sin(s.a + offset / radius) * radius,
      )
    offset += spacing
    let guard = 0
    while (offset > lengthOf(sections[0] as Section) && guard++ < 8) {
      offset -= lengthOf(sections[0] as Section)
      sections.push(sections.shift() as Section)
    }
  }
  return pts
}

function circleCenter(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Point | null {
  const u = -2 * (ax * (by - cy) - ay * (bx - cx) + bx * cy - cx * by)
  const a2 = ax * ax + ay * ay
  const b2 = bx * bx + by * by
  const c2 = cx * cx + cy * cy
  const x = (a2 * (cy - by) + b2 * (ay - cy) + c2 * (by - ay)) / u
  const y = (a2 * (bx - cx) + b2 * (cx - ax) + c2 * (ax - bx)) / u
  return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null
}

/** Appends the small clockwise circular arc of radius r from (x0, y0) to (x1, y1) (SVG sweep 1). */
function clockwiseArc(p: PathWriter, r: number, x0: number, y0: number, x1: number, y1: number): void {
  const mx = (x0 + x1) / 2
  const my = (y0 + y1) / 2
  const dx = x1 - x0
  const dy = y1 - y0
  const half = Math.hypot(dx, dy) / 2
  if (half < 1e-9) return
  const radius = Math.max(r, half)
  const h = Math.sqrt(Math.max(0, radius * radius - half * half))
  const cx = mx + (-dy / (half * 2)) * h
  const cy = my + (dx / (half * 2)) * h
  p.arc(cx, cy, radius, Math.atan2(y0 - cy, x0 - cx), Math.atan2(y1 - cy, x1 - cx), false)
}

/** tldraw's cloud: bumps around a pill, wiggled by the shape id as seed. */
function cloudPath(width: number, height: number, seed: string, size: SizeName, scale: number): number[] {
  const bumpSizes: Record<SizeName, number> = { s: 50, m: 70, l: 100, xl: 130 }
  const random = seededRandom(seed)
  const pillCircumference = ovalPerimeter(width, height)
  const bumps = Math.max(
    Math.ceil(pillCircumference / bumpSizes[size]),
    6,
    Math.ceil(pillCircumference / Math.min(width, height)),
  )
  const protrusion = (pillCircumference / bumps) * 0.2
  const innerWidth = Math.max(width - protrusion * 2, 1)
  const innerHeight = Math.max(height - protrusion * 2, 1)
  const spacing = ovalPerimeter(innerWidth, innerHeight) / bumps
  const padX = (width - innerWidth) / 2
  const padY = (height - innerHeight) / 2
  const base = pillPoints(innerWidth, innerHeight, bumps)
  for (let i = 0; i < base.length; i += 2) {
    base[i] = (base[i] ?? 0) + padX
    base[i + 1] = (base[i + 1] ?? 0) + padY
  }
  const wiggled = base.slice()
  const wiggleX = width < 20 ? 0 : protrusion * 0.3
  const wiggleY = height < 20 ? 0 : protrusion * 0.3
  for (let i = 0; i < Math.floor(bumps / 2); i++) {
    const j = bumps - i - 1
    wiggled[2 * i] = (wiggled[2 * i] ?? 0) + random() * wiggleX * scale
    wiggled[2 * i + 1] = (wiggled[2 * i + 1] ?? 0) + random() * wiggleY * scale
    wiggled[2 * j] = (wiggled[2 * j] ?? 0) + random() * wiggleX * scale
    wiggled[2 * j + 1] = (wiggled[2 * j + 1] ?? 0) + random() * wiggleY * scale
  }
  const p = new PathWriter()
  for (let i = 0; i < bumps; i++) {
    const j = (i + 1) % bumps
    const lx = wiggled[2 * i] ?? 0
    const ly = wiggled[2 * i + 1] ?? 0
    const rx = wiggled[2 * j] ?? 0
    const ry = wiggled[2 * j + 1] ?? 0
    const ox0 = base[2 * i] ?? 0
    const oy0 = base[2 * i + 1] ?? 0
    const ox1 = base[2 * j] ?? 0
    const oy1 = base[2 * j + 1] ?? 0
    const originalDistance = Math.hypot(ox1 - ox0, oy1 - oy0) || 1
    const relative = Math.hypot(rx - lx, ry - ly) / originalDistance
    const bulge = (Math.max(padX, padY) + spacing - originalDistance) * relative
    // The bump's apex: out from the middle of the two original points, kept inside the box.
    const ux = (ox1 - ox0) / originalDistance
    const uy = (oy1 - oy0) / originalDistance
    const apexX = Math.min(width, Math.max(0, (ox0 + ox1) / 2 + uy * bulge))
    const apexY = Math.min(height, Math.max(0, (oy0 + oy1) / 2 - ux * bulge))
    const center = circleCenter(lx, ly, rx, ry, apexX, apexY) ?? { x: (lx + rx) / 2, y: (ly + ry) / 2 }
    const radius = Math.hypot(center.x - lx, center.y - ly)
    if (i === 0) p.move(lx, ly)
    clockwiseArc(p, radius, lx, ly, rx, ry)
  }
  return p.close().d
}

/** tldraw's stadium (`oval`): half circles on the short sides. */
function ovalPath(w: number, h: number): number[] {
  const p = new PathWriter()
  if (h > w) {
    const r = w / 2
    return p
      .move(0, r)
      .arc(r, r, r, Math.PI, 0, false)
      .line(w, h - r)
      .arc(r, h - r, r, 0, Math.PI, false)
      .close().d
  }
  const r = h / 2
  return p
    .move(r, h)
    .arc(r, r, r, Math.PI / 2, (Math.PI * 3) / 2, false)
    .line(w - r, 0)
    .arc(w - r, r, r, -Math.PI / 2, Math.PI / 2, false)
    .close().d
}

function heartPath(w: number, h: number): number[] {
  const cx = w / 2
  const o = w / 4
  const k = h / 4
  return new PathWriter()
    .move(cx, h)
    .cubic(o * 1.5, k * 3, 0, k * 2.5, 0, k * 1.2)
    .cubic(0, -k * 0.32, o * 1.85, -k * 0.32, cx, k * 0.9)
    .cubic(o * 2.15, -k * 0.32, w, -k * 0.32, w, k * 1.2)
    .cubic(w, k * 2.5, o * 2.5, k * 3, cx, h)
    .close().d
}

function ellipsePath(w: number, h: number): number[] {
  // Two halves, as tldraw draws it, so a dashed ellipse gets a run per half.
  return new PathWriter()
    .move(0, h / 2)
    .ellipse(w / 2, h / 2, w / 2, h / 2, Math.PI, Math.PI * 2)
    .ellipse(w / 2, h / 2, w / 2, h / 2, 0, Math.PI)
    .close().d
}

function xBoxInner(w: number, h: number, strokeWidth: number, dash: DashStyle): number[] | null {
  if (dash === 'none') return null
  const p = new PathWriter()
  if (dash === 'dashed' || dash === 'dotted') {
    return p
      .move(0, 0)
      .line(w / 2, h / 2)
      .move(w, h)
      .line(w / 2, h / 2)
      .move(0, h)
      .line(w / 2, h / 2)
      .move(w, 0)
      .line(w / 2, h / 2).d
  }
  // The draw style pulls the cross in so it meets the rounded corners.
  const inset = dash === 'draw' ? strokeWidth * 0.62 : 0
  const ix = Math.min(inset, w)
  const iy = Math.min(inset, h)
  return p
    .move(ix, iy)
    .line(w - ix, h - iy)
    .move(w - ix, iy)
    .line(ix, h - iy).d
}

function checkBoxInner(w: number, h: number): number[] {
  const size = Math.min(w, h) * 0.82
  const ox = (w - size) / 2
  const oy = (h - size) / 2
  const cx = (v: number) => Math.min(w, Math.max(0, v))
  const cy = (v: number) => Math.min(h, Math.max(0, v))
  return new PathWriter()
    .move(cx(ox + size * 0.25), cy(oy + size * 0.52))
    .line(cx(ox + size * 0.45), cy(oy + size * 0.82))
    .line(cx(ox + size * 0.82), cy(oy + size * 0.22)).d
}

/** The corners of the polygonal geo kinds, or null for the curved ones. */
function geoCorners(geo: string, w: number, h: number): number[] | null {
  const o = Math.min(w * 0.38, h * 0.38)
  const short = Math.min(w, h) * 0.38
  switch (geo) {
    case 'rectangle':
    case 'x-box':
    case 'check-box':
      return [0, 0, w, 0, w, h, 0, h]
    case 'triangle':
      return [w / 2, 0, w, h, 0, h]
    case 'diamond':
      return [w / 2, 0, w, h / 2, w / 2, h, 0, h / 2]
    case 'pentagon':
      return polygonVertices(w, h, 5)
    case 'hexagon':
      return polygonVertices(w, h, 6)
    case 'octagon':
      return polygonVertices(w, h, 8)
    case 'star':
      return starVertices(w, h)
    case 'rhombus':
      return [o, 0, w, 0, w - o, h, 0, h]
    case 'rhombus-2':
      return [0, 0, w - o, 0, w, h, o, h]
    case 'trapezoid':
      return [o, 0, w - o, 0, w, h, 0, h]
    case 'arrow-left':
      return [short, 0, short, h * 0.16, w, h * 0.16, w, h * 0.84, short, h * 0.84, short, h, 0, h / 2]
    case 'arrow-right':
      return [
        0,
        h * 0.16,
        w - short,
        h * 0.16,
        w - short,
        0,
        w,
        h / 2,
        w - short,
        h,
        w - short,
        h * 0.84,
        0,
        h * 0.84,
      ]
    case 'arrow-up':
      return [w / 2, 0, w, short, w * 0.84, short, w * 0.84, h, w * 0.16, h, w * 0.16, short, 0, short]
    case 'arrow-down':
      return [
        w * 0.16,
        0,
        w * 0.84,
        0,
        w * 0.84,
        h - short,
        w,
        h - short,
        w / 2,
        h,
        0,
        h - short,
        w * 0.16,
        h - short,
      ]
    default:
      return null
  }
}

/** The outline of a geo shape of size w × h (h includes growY), as tldraw's getGeoShapePath. */
function geoOutline(
  geo: string,
  w: number,
  h: number,
  id: string,
  props: Props,
  strokeWidth: number,
): GeoOutline {
  const corners = geoCorners(geo, w, h)
  const dash = dashStyle(props.dash)
  if (corners) {
    const inner =
      geo === 'x-box' ? xBoxInner(w, h, strokeWidth, dash) : geo === 'check-box' ? checkBoxInner(w, h) : null
    return { outline: polygonPath(corners), corners, inner }
  }
  switch (geo) {
    case 'oval':
      return { outline: ovalPath(w, h), corners: null, inner: null }
    case 'cloud':
      return {
        outline: cloudPath(w, h, id, sizeName(props.size), num(props.scale, 1)),
        corners: null,
        inner: null,
      }
    case 'heart':
      return { outline: heartPath(w, h), corners: null, inner: null }
    case 'ellipse':
      return { outline: ellipsePath(w, h), corners: null, inner: null }
    default: {
      // A geo kind this tldraw version does not have: its box.
      const box = [0, 0, w, 0, w, h, 0, h]
      return { outline: polygonPath(box), corners: box, inner: null }
    }
  }
}

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
// Scene items

/** A frame's clip: children are drawn inside its rectangle (and its own frame's, recursively). */
export interface Clip {
  readonly m: Mat
  readonly w: number
  readonly h: number
  readonly parent: Clip | null
}

/** A label laid out when painting (its text must be measured). */
export interface Label {
  readonly text: LabelText
  readonly style: TextStyle
  readonly color: string
  readonly align: TextAlign
  readonly verticalAlign: 'start' | 'middle' | 'end'
  /** Space between the text and the box's edges. */
  readonly padding: number
  /** The wrapping width, or null to not wrap. */
  readonly wrapWidth: number | null
  /** The box the text is aligned in, in the label's unscaled units; w/h NaN: sized to the text. */
  readonly box: { readonly x: number; readonly y: number; readonly w: number; readonly h: number }
  /** The label is drawn scaled by this (a shape's `scale` prop). */
  readonly scale: number
  /** Drawn with tldraw's background-coloured outline around the glyphs. */
  readonly outline: boolean
  /** Cache key of the wrapped lines. */
  readonly key: string
  /** The wrapped lines, once painted (so repainting the same scene skips the cache). */
  layout: TextLayout | null
  /** Lines laid out with estimated widths, for when the label is too small to read. */
  greekLayout: TextLayout | null
  /** Which set of loaded fonts the two layouts above were measured with (see paint.ts). */
  fontGeneration: number
}

interface ItemBase {
  readonly id: string
  /** Local → page transform of what the item draws. */
  readonly m: Mat
  /** Opacity, parents' included. */
  readonly opacity: number
  readonly clip: Clip | null
  /** Page-space bounds, for culling and sceneBounds. */
  readonly box: Box
  /** How far ink may reach outside `box` (half a stroke, a shadow…). */
  readonly pad: number
}

export interface GeoItem extends ItemBase {
  readonly kind: 'geo'
  readonly w: number
  readonly h: number
  /** `m` with the shape's flipX/flipY applied, for its outline (the label is not mirrored). */
  readonly bodyM: Mat
  readonly outline: PathData
  /** The outline without the draw style's rounding: what arrows bind to. */
  readonly hitOutline: PathData
  readonly inner: PathData | null
  /** For a rectangle: its corner radii (0 for sharp corners), so it can be drawn as a (round) rect. */
  readonly rect: { readonly rx: number; readonly ry: number } | null
  readonly fill: Fill | null
  readonly stroke: string
  readonly strokeWidth: number
  /** Null: a plain stroke; else the dashed runs to stroke instead. */
  readonly runs: readonly DashRun[] | null
  readonly drawStroke: boolean
  readonly label: Label | null
}

export interface NoteItem extends ItemBase {
  readonly kind: 'note'
  readonly w: number
  readonly h: number
  readonly scale: number
  readonly color: string
  readonly label: Label | null
}

export interface TextItem extends ItemBase {
  readonly kind: 'text'
  readonly label: Label
}

export interface FrameItem extends ItemBase {
  readonly kind: 'frame'
  readonly w: number
  readonly h: number
  readonly name: string
}

export interface PlaceholderItem extends ItemBase {
  readonly kind: 'placeholder'
  readonly w: number
  readonly h: number
}

/** A stroked (and maybe filled) path: draw shapes and line shapes. */
export interface StrokeItem extends ItemBase {
  readonly kind: 'stroke'
  readonly path: PathData
  readonly stroke: string
  readonly strokeWidth: number
  readonly fill: Fill | null
  /** A canvas dash pattern for the whole path (draw shapes), or null. */
  readonly lineDash: readonly number[] | null
  /** Per-segment dashed runs (line shapes), or null. */
  readonly runs: readonly DashRun[] | null
  /** A single point: drawn as a filled dot of strokeWidth. */
  readonly dot: Point | null
}

export interface HighlightItem extends ItemBase {
  readonly kind: 'highlight'
  readonly path: PathData
  readonly color: string
  readonly strokeWidth: number
  readonly dot: Point | null
}

/** An arrow's body as geometry, for placing its label along it. */
export type ArrowBody =
  | {
      readonly kind: 'line'
      readonly ax: number
      readonly ay: number
      readonly bx: number
      readonly by: number
    }
  | {
      readonly kind: 'arc'
      readonly cx: number
      readonly cy: number
      readonly r: number
      readonly a0: number
      /** Signed: positive is clockwise on screen. */
      readonly sweep: number
    }
  | { readonly kind: 'polyline'; readonly pts: readonly number[] }

export interface ArrowHead {
  readonly path: PathData
  /** Closed heads are filled with the arrow's fill and cut out of the body. */
  readonly closed: boolean
}

export interface ArrowLabel {
  readonly label: Label
  /** Where along the body (0-1) the label wants to sit. */
  readonly position: number
  /** Whether the label must keep clear of each end (it has a head or is bound there). */
  readonly keepClearOfStart: boolean
  readonly keepClearOfEnd: boolean
  /** tldraw's label-to-arrow padding at the ends. */
  readonly endPadding: number
}

export interface ArrowItem extends ItemBase {
  readonly kind: 'arrow'
  /** In page space (m is the identity). */
  readonly path: PathData
  readonly body: ArrowBody
  readonly length: number
  /** The body's drawn ends: terminals after binding, clipping to outlines and head gaps. */
  readonly start: Point
  readonly end: Point
  readonly heads: readonly ArrowHead[]
  readonly stroke: string
  readonly strokeWidth: number
  readonly fill: Fill | null
  readonly runs: readonly DashRun[] | null
  readonly bodyHidden: boolean
  readonly label: ArrowLabel | null
}

export type SceneItem =
  | GeoItem
  | NoteItem
  | TextItem
  | FrameItem
  | PlaceholderItem
  | StrokeItem
  | HighlightItem
  | ArrowItem

export interface PreviewScene {
  readonly pageId: string | null
  /** Shapes of the page on the board (groups included, hidden ones and their children not). */
  readonly shapeCount: number
  /** What to paint, back to front. */
  readonly items: readonly SceneItem[]
  /** Highlights, also painted first under everything (tldraw draws them twice). */
  readonly underlays: readonly HighlightItem[]
}

// ---------------------------------------------------------------------------------------------
// Building items

interface Context {
  readonly m: Mat
  readonly opacity: number
  readonly clip: Clip | null
}

/** What an arrow bound to a shape needs of it. */
interface BindTarget {
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

function horizontalAlign(align: unknown): TextAlign {
  if (align === 'start' || align === 'start-legacy') return 'start'
  if (align === 'end' || align === 'end-legacy') return 'end'
  return 'center'
}

function verticalAlign(align: unknown): 'start' | 'middle' | 'end' {
  return align === 'start' || align === 'end' ? align : 'middle'
}

function makeLabel(
  text: LabelText,
  style: TextStyle,
  fields: Omit<Label, 'text' | 'style' | 'key' | 'layout' | 'greekLayout' | 'fontGeneration'>,
): Label {
  return {
    text,
    style,
    ...fields,
    key: layoutKey(text, style, fields.wrapWidth, fields.align),
    layout: null,
    greekLayout: null,
    fontGeneration: 0,
  }
}

/** What a geo shape looks like, independent of where it is: kept per props object. */
type GeoLook = Pick<
  GeoItem,
  | 'w'
  | 'h'
  | 'outline'
  | 'hitOutline'
  | 'inner'
  | 'rect'
  | 'fill'
  | 'stroke'
  | 'strokeWidth'
  | 'runs'
  | 'drawStroke'
  | 'label'
>

const geoLooks = new WeakMap<Props, GeoLook>()

/** A value made from a shape's props alone, made once per props object (records are reused across moments). */
function perProps<T>(cache: WeakMap<Props, T>, props: Props, make: () => T): T {
  let value = cache.get(props)
  if (value === undefined) {
    value = make()
    cache.set(props, value)
  }
  return value
}

function geoLabel(props: Props, w: number, h: number, fill: Fill | null): Label | null {
  const text = labelText(props.richText ?? props.text)
  if (!text) return null
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const unscaledW = w / scale
  return makeLabel(
    text,
    { family: fontFamily(props.font), size: LABEL_FONT_SIZES[size] },
    {
      color: paletteColor(props.labelColor).solid,
      align: horizontalAlign(props.align),
      verticalAlign: verticalAlign(props.verticalAlign),
      padding: LABEL_PADDING,
      // tldraw measures labels no narrower than the size's minimum (GeoShapeUtil).
      wrapWidth: Math.max(
        Math.ceil(GEO_LABEL_MIN_WIDTHS[size] + STROKE_WIDTHS[size]),
        unscaledW - LABEL_PADDING * 2,
      ),
      box: { x: 0, y: 0, w: unscaledW, h: h / scale },
      scale,
      // The outline (background-coloured) only shows on coloured fills.
      outline: fill !== null && props.fill !== 'semi',
    },
  )
}

function geoLook(id: string, props: Props): GeoLook {
  const size = sizeName(props.size)
  const w = Math.max(1, num(props.w, 100))
  const h = Math.max(1, num(props.h, 100) + num(props.growY, 0))
  const strokeWidth = STROKE_WIDTHS[size] * num(props.scale, 1)
  const dash = dashStyle(props.dash)
  const geo = str(props.geo, 'rectangle')
  const shape = geoOutline(geo, w, h, id, props, strokeWidth)
  // The draw style rounds a polygon's corners by twice the stroke width.
  const roundness = dash === 'draw' ? strokeWidth * 2 : 0
  const fill = fillOf(props.fill, props.color)
  return {
    w,
    h,
    outline: roundness && shape.corners ? roundedPath(shape.corners, roundness, true) : shape.outline,
    hitOutline: shape.outline,
    inner: shape.inner,
    // Its rounded corners (quadratic in tldraw) as near-equivalent elliptical ones.
    rect:
      geo === 'rectangle'
        ? { rx: Math.min(roundness, w / 4) * 0.85, ry: Math.min(roundness, h / 4) * 0.85 }
        : null,
    fill,
    stroke: paletteColor(props.color).solid,
    strokeWidth,
    runs:
      dash === 'dashed' || dash === 'dotted'
        ? dashRuns([...shape.outline, ...(shape.inner ?? [])], strokeWidth, dash)
        : null,
    drawStroke: dash !== 'none',
    label: geoLabel(props, w, h, fill),
  }
}

function geoItem(id: string, props: Props, ctx: Context): GeoItem {
  const look = perProps(geoLooks, props, () => geoLook(id, props))
  const flipX = props.flipX === true
  const flipY = props.flipY === true
  const flip = {
    a: flipX ? -1 : 1,
    b: 0,
    c: 0,
    d: flipY ? -1 : 1,
    e: flipX ? look.w : 0,
    f: flipY ? look.h : 0,
  }
  return {
    kind: 'geo',
    id,
    m: ctx.m,
    bodyM: flipX || flipY ? multiply(ctx.m, flip) : ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, look.w, look.h),
    pad: look.strokeWidth,
    w: look.w,
    h: look.h,
    outline: look.outline,
    hitOutline: look.hitOutline,
    inner: look.inner,
    rect: look.rect,
    fill: look.fill,
    stroke: look.stroke,
    strokeWidth: look.strokeWidth,
    runs: look.runs,
    drawStroke: look.drawStroke,
    label: look.label,
  }
}

const noteLabels = new WeakMap<Props, Label>()
const textLabels = new WeakMap<Props, Label>()
const arrowLabels = new WeakMap<Props, Label>()

function noteItem(id: string, props: Props, ctx: Context): NoteItem {
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const growY = num(props.growY, 0)
  const color = paletteColor(props.color)
  const text = labelText(props.richText ?? props.text)
  const labelColor =
    props.labelColor === 'black' || props.labelColor === undefined
      ? color.noteText
      : paletteColor(props.labelColor).solid
  const label = text
    ? perProps(noteLabels, props, () =>
        makeLabel(
          text,
          { family: fontFamily(props.font), size: LABEL_FONT_SIZES[size] * num(props.fontSizeAdjustment, 1) },
          {
            color: labelColor,
            align: horizontalAlign(props.align),
            verticalAlign: verticalAlign(props.verticalAlign),
            padding: LABEL_PADDING,
            wrapWidth: NOTE_SIZE - LABEL_PADDING * 2,
            box: { x: 0, y: 0, w: NOTE_SIZE, h: NOTE_SIZE + growY },
            scale,
            outline: false,
          },
        ),
      )
    : null
  const w = NOTE_SIZE * scale
  const h = (NOTE_SIZE + growY) * scale
  return {
    kind: 'note',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    pad: 12 * scale,
    w,
    h,
    scale,
    color: color.noteFill,
    label,
  }
}

function textItem(id: string, props: Props, ctx: Context): TextItem | null {
  const text = labelText(props.richText ?? props.text)
  if (!text) return null
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const fontSize = TEXT_FONT_SIZES[size]
  const autoSize = props.autoSize !== false
  const fixedWidth = Math.max(16, Math.floor(num(props.w, 16)))
  const label = perProps(textLabels, props, () =>
    makeLabel(
      text,
      { family: fontFamily(props.font), size: fontSize },
      {
        color: paletteColor(props.color).solid,
        align: horizontalAlign(props.textAlign),
        verticalAlign: 'middle',
        padding: 0,
        wrapWidth: autoSize ? null : fixedWidth,
        box: { x: 0, y: 0, w: autoSize ? Number.NaN : fixedWidth, h: Number.NaN },
        scale,
        outline: true,
      },
    ),
  )
  // The size is only known once measured: estimate it from the stored width and the line count.
  const width = autoSize ? num(props.w, 16) : fixedWidth * scale
  const charsPerLine = Math.max(1, width / scale / (fontSize * 0.55))
  let lines = 0
  for (const p of text.paragraphs)
    lines += autoSize ? 1 : Math.max(1, Math.ceil(p.text.length / charsPerLine))
  const height = Math.max(fontSize, lines * lineHeightPx(fontSize)) * scale
  return {
    kind: 'text',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, width, height),
    pad: fontSize * scale,
    label,
  }
}

function frameItem(id: string, props: Props, ctx: Context): FrameItem {
  const w = Math.max(1, num(props.w, 320))
  const h = Math.max(1, num(props.h, 180))
  return {
    kind: 'frame',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    // The heading sits above the frame, at most 3.5 × its 28 px in page units when zoomed out.
    pad: 100,
    w,
    h,
    name: str(props.name, ''),
  }
}

function placeholderItem(id: string, props: Props, ctx: Context): PlaceholderItem | null {
  const w = num(props.w, Number.NaN)
  const h = num(props.h, Number.NaN)
  if (!(w > 0 && h > 0)) return null
  return {
    kind: 'placeholder',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    pad: 1,
    w,
    h,
  }
}

function drawItem(id: string, props: Props, ctx: Context): StrokeItem | null {
  const pts = drawPoints(props)
  if (pts.length < 2) return null
  const scale = num(props.scale, 1)
  const strokeWidth = (STROKE_WIDTHS[sizeName(props.size)] + 1) * scale
  const closed = props.isClosed === true
  const dash = dashStyle(props.dash)
  const dot = isDot(pts) ? { x: pts[0] ?? 0, y: pts[1] ?? 0 } : null
  return {
    kind: 'stroke',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: pointsBox(ctx.m, pts),
    pad: strokeWidth,
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

function highlightItem(id: string, props: Props, ctx: Context): HighlightItem | null {
  const pts = drawPoints(props)
  if (pts.length < 2) return null
  const scale = num(props.scale, 1)
  const strokeWidth = TEXT_FONT_SIZES[sizeName(props.size)] * HIGHLIGHT_WIDTH_FACTOR * scale
  return {
    kind: 'highlight',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: pointsBox(ctx.m, pts),
    pad: strokeWidth,
    path: smoothPath(pts, false),
    color: paletteColor(props.color).highlight,
    strokeWidth,
    dot: isDot(pts) ? { x: pts[0] ?? 0, y: pts[1] ?? 0 } : null,
  }
}

function lineItem(id: string, props: Props, ctx: Context): StrokeItem | null {
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
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: pointsBox(ctx.m, pts),
    pad: strokeWidth,
    path,
    stroke: paletteColor(props.color).solid,
    strokeWidth: dash === 'none' ? 0 : strokeWidth,
    fill: null,
    lineDash: null,
    runs: dash === 'dashed' || dash === 'dotted' ? dashRuns(path, strokeWidth, dash) : null,
    dot: null,
  }
}

/** The outline of an item an arrow can bind to, in its local space. */
function bindTargetOf(record: BoardRecordJson, item: SceneItem): BindTarget {
  const props = propsOf(record)
  const halfStroke = typeof props.size === 'string' ? STROKE_WIDTHS[sizeName(props.size)] / 2 : 0
  switch (item.kind) {
    case 'geo':
      return {
        m: item.bodyM,
        outline: flattenOutline(item.hitOutline),
        isClosed: true,
        x: 0,
        y: 0,
        w: item.w,
        h: item.h,
        box: item.box,
        halfStroke,
      }
    case 'note':
    case 'frame':
    case 'placeholder':
      return {
        m: item.m,
        outline: [0, 0, item.w, 0, item.w, item.h, 0, item.h],
        isClosed: true,
        x: 0,
        y: 0,
        w: item.w,
        h: item.h,
        box: item.box,
        halfStroke,
      }
    default:
      return boxTarget(item.box, halfStroke)
  }
}

/** A target known only by its page bounds: its box is its outline. */
function boxTarget(box: Box, halfStroke: number): BindTarget {
  const w = box.maxX - box.minX
  const h = box.maxY - box.minY
  return {
    m: { a: 1, b: 0, c: 0, d: 1, e: box.minX, f: box.minY },
    outline: [0, 0, w, 0, w, h, 0, h],
    isClosed: true,
    x: 0,
    y: 0,
    w,
    h,
    box,
    halfStroke,
  }
}

// ---------------------------------------------------------------------------------------------
// Arrows

interface ArrowBinding {
  readonly toId: string
  readonly anchor: Point
  readonly isPrecise: boolean
  readonly isExact: boolean
}

interface Terminal {
  /** Where the terminal points (page space): the target's anchor, or the stored point. */
  readonly handle: Point
  readonly target: BindTarget | null
  readonly isExact: boolean
}

function bindingOf(
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
function anchorPoint(target: BindTarget, binding: ArrowBinding, forcePrecise: boolean): Point {
  const precise = binding.isPrecise || forcePrecise
  const clamp = (v: number) => Math.max(0.001, Math.min(0.999, v))
  const ax = precise ? clamp(binding.anchor.x) : 0.5
  const ay = precise ? clamp(binding.anchor.y) : 0.5
  return applyMat(target.m, target.x + ax * target.w, target.y + ay * target.h)
}

function contains(a: Box, b: Box): boolean {
  return a.minX <= b.minX && a.minY <= b.minY && a.maxX >= b.maxX && a.maxY >= b.maxY
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
function circleHits(target: BindTarget, cx: number, cy: number, r: number): Point[] {
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

function dist(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y)
}

/**
 * Moves a bound terminal from its anchor to where the arrow meets the target's outline: the
 * crossing of the arrow's line nearest the other end (tldraw's updateArrowheadPointWithBoundShape).
 * Returns null when the line does not cross the outline (the anchor stays).
 */
function clipToOutline(target: BindTarget, from: Point, to: Point): Point | null {
  const hits = segmentHits(target, from, to)
  if (hits.length) {
    hits.sort((p, q) => dist(p, from) - dist(q, from))
    return hits[0] ?? null
  }
  const nearest = nearestOnOutline(target, to)
  return dist(nearest, to) < 1 ? nearest : null
}

/** How far a bound arrow's head stays off its target: tldraw's BOUND_ARROW_OFFSET plus half strokes. */
function headGap(terminal: Terminal, hasHead: boolean, arrowStroke: number, scale: number): number {
  if (!terminal.target || terminal.isExact || !hasHead) return 0
  return (BOUND_ARROW_OFFSET + arrowStroke / 2 + terminal.target.halfStroke) * scale
}

interface ArrowGeometry {
  readonly start: Point
  readonly end: Point
  readonly body: ArrowBody
  readonly path: number[]
  readonly length: number
}

/** tldraw's straight arrow info: terminals clipped to the targets, then pulled back by the head gaps. */
function straightArrow(
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
function arcArrow(
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
function elbowArrow(
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

function rotateAround(p: Point, c: Point, angle: number): Point {
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const dx = p.x - c.x
  const dy = p.y - c.y
  return { x: c.x + dx * cos - dy * sin, y: c.y + dx * sin + dy * cos }
}

function lerpPoint(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }
}

/** The point a head's base is measured back to, along the body (tldraw's getArrowPoints). */
function headBase(g: ArrowGeometry, side: 'start' | 'end', strokeWidth: number): Point {
  const point = side === 'end' ? g.end : g.start
  const body = g.body
  if (body.kind === 'arc') {
    const length = Math.max(strokeWidth, Math.min(strokeWidth * 3, g.length / 5))
    const phi = 2 * Math.asin(Math.min(1, length / (2 * body.r)))
    const dir = Math.sign(body.sweep) || 1
    const angle = side === 'end' ? body.a0 + body.sweep - dir * phi : body.a0 + dir * phi
    return { x: body.cx + Math.cos(angle) * body.r, y: body.cy + Math.sin(angle) * body.r }
  }
  let previous: Point
  let length: number
  if (body.kind === 'polyline') {
    const n = body.pts.length / 2
    const i = side === 'end' ? n - 2 : 1
    previous = { x: body.pts[2 * i] ?? 0, y: body.pts[2 * i + 1] ?? 0 }
    const manhattan = Math.abs(previous.x - point.x) + Math.abs(previous.y - point.y)
    length = Math.max(strokeWidth, Math.min(strokeWidth * 3, manhattan / 2))
  } else {
    previous = side === 'end' ? g.start : g.end
    length = Math.max(strokeWidth, Math.min(strokeWidth * 3, dist(previous, point) / 5))
  }
  const d = dist(point, previous) || 1
  return {
    x: point.x + ((previous.x - point.x) / d) * length,
    y: point.y + ((previous.y - point.y) / d) * length,
  }
}

/** An arrowhead's path (tldraw's arrowheads.mjs); null for none and pipe (which tldraw leaves undrawn). */
function arrowheadPath(kind: string, point: Point, base: Point): ArrowHead | null {
  switch (kind) {
    case 'arrow': {
      const l = rotateAround(base, point, Math.PI / 6)
      const r = rotateAround(base, point, -Math.PI / 6)
      return { path: [OP_MOVE, l.x, l.y, OP_LINE, point.x, point.y, OP_LINE, r.x, r.y], closed: false }
    }
    case 'triangle': {
      const l = rotateAround(base, point, Math.PI / 6)
      const r = rotateAround(base, point, -Math.PI / 6)
      return { path: polygonPath([l.x, l.y, r.x, r.y, point.x, point.y]), closed: true }
    }
    case 'inverted': {
      const hx = (base.x - point.x) / 2
      const hy = (base.y - point.y) / 2
      return {
        path: polygonPath([point.x - hy, point.y + hx, base.x, base.y, point.x + hy, point.y - hx]),
        closed: true,
      }
    }
    case 'dot': {
      const c = lerpPoint(point, base, 0.45)
      const r = dist(c, point)
      return { path: [OP_MOVE, c.x + r, c.y, OP_ARC, c.x, c.y, r, 0, Math.PI * 2, 0, OP_CLOSE], closed: true }
    }
    case 'diamond': {
      const pb = lerpPoint(point, base, 0.75)
      const l = rotateAround(pb, point, Math.PI / 4)
      const r = rotateAround(pb, point, -Math.PI / 4)
      const q = lerpPoint(l, r, 0.5)
      return {
        path: polygonPath([2 * q.x - point.x, 2 * q.y - point.y, r.x, r.y, point.x, point.y, l.x, l.y]),
        closed: true,
      }
    }
    case 'square': {
      const pb = lerpPoint(point, base, 0.85)
      const hx = (pb.x - point.x) / 2
      const hy = (pb.y - point.y) / 2
      return {
        path: polygonPath([
          point.x - hy,
          point.y + hx,
          pb.x - hy,
          pb.y + hx,
          pb.x + hy,
          pb.y - hx,
          point.x + hy,
          point.y - hx,
        ]),
        closed: true,
      }
    }
    case 'bar': {
      const hx = (base.x - point.x) / 2
      const hy = (base.y - point.y) / 2
      return {
        path: [OP_MOVE, point.x - hy, point.y + hx, OP_LINE, point.x + hy, point.y - hx],
        closed: false,
      }
    }
    default:
      return null
  }
}

function bodyBox(g: ArrowGeometry): Box {
  const pts: number[] = [g.start.x, g.start.y, g.end.x, g.end.y]
  if (g.body.kind === 'polyline') pts.push(...g.body.pts)
  if (g.body.kind === 'arc') {
    const { cx, cy, r, a0, sweep } = g.body
    for (let i = 1; i < 16; i++) {
      const a = a0 + (sweep * i) / 16
      pts.push(cx + Math.cos(a) * r, cy + Math.sin(a) * r)
    }
  }
  return pointsBox(IDENTITY, pts)
}

function arrowItem(
  record: BoardRecordJson,
  ctx: Context,
  bindings: { start?: ArrowBinding; end?: ArrowBinding } | undefined,
  targetOf: (id: string) => BindTarget | null,
): ArrowItem | null {
  const props = propsOf(record)
  const id = str(record.id, '')
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const baseStroke = STROKE_WIDTHS[size]
  const strokeWidth = baseStroke * scale
  const startTarget = bindings?.start ? targetOf(bindings.start.toId) : null
  const endTarget = bindings?.end ? targetOf(bindings.end.toId) : null
  const relation =
    startTarget && endTarget
      ? bindings?.start?.toId === bindings?.end?.toId
        ? 'double-bound'
        : contains(startTarget.box, endTarget.box)
          ? 'start-contains-end'
          : contains(endTarget.box, startTarget.box)
            ? 'end-contains-start'
            : 'safe'
      : 'safe'
  const terminal = (name: 'start' | 'end', target: BindTarget | null): Terminal => {
    const binding = bindings?.[name]
    if (target && binding) {
      const forcePrecise =
        relation === 'double-bound' ||
        relation === (name === 'start' ? 'start-contains-end' : 'end-contains-start')
      return { handle: anchorPoint(target, binding, forcePrecise), target, isExact: binding.isExact }
    }
    const stored = (props[name] ?? {}) as Record<string, unknown>
    return { handle: applyMat(ctx.m, num(stored.x, 0), num(stored.y, 0)), target: null, isExact: false }
  }
  const s = terminal('start', startTarget)
  const e = terminal('end', endTarget)
  const headStart = str(props.arrowheadStart, 'none')
  const headEnd = str(props.arrowheadEnd, 'arrow')
  const selfBound = relation === 'double-bound'
  const gapStart =
    selfBound || relation === 'start-contains-end' ? 0 : headGap(s, headStart !== 'none', baseStroke, scale)
  const gapEnd =
    selfBound || relation === 'end-contains-start' ? 0 : headGap(e, headEnd !== 'none', baseStroke, scale)
  const bend = num(props.bend, 0)
  const geometry =
    props.kind === 'elbow'
      ? elbowArrow(s, e, gapStart, gapEnd, num(props.elbowMidPoint, 0.5))
      : Math.abs(bend) < MIN_ARROW_BEND * scale
        ? straightArrow(s, e, gapStart, gapEnd, scale, relation)
        : (arcArrow(s, e, bend, gapStart, gapEnd) ?? straightArrow(s, e, gapStart, gapEnd, scale, relation))
  if (!geometry || geometry.length <= 0) return null
  const heads: ArrowHead[] = []
  for (const [kind, side] of [
    [headStart, 'start'],
    [headEnd, 'end'],
  ] as const) {
    const head = arrowheadPath(
      kind,
      side === 'end' ? geometry.end : geometry.start,
      headBase(geometry, side, strokeWidth),
    )
    if (head) heads.push(head)
  }
  const dash = dashStyle(props.dash)
  const text = labelText(props.richText ?? props.text)
  const label: ArrowLabel | null = text
    ? {
        label: perProps(arrowLabels, props, () =>
          makeLabel(
            text,
            { family: fontFamily(props.font), size: ARROW_LABEL_FONT_SIZES[size] },
            {
              color: paletteColor(props.labelColor).solid,
              align: 'center',
              verticalAlign: 'middle',
              padding: 0,
              wrapWidth: null,
              box: { x: 0, y: 0, w: Number.NaN, h: Number.NaN },
              scale,
              outline: true,
            },
          ),
        ),
        position: num(props.labelPosition, 0.5),
        keepClearOfStart: headStart !== 'none' || !!startTarget,
        keepClearOfEnd: headEnd !== 'none' || !!endTarget,
        endPadding:
          (LABEL_TO_ARROW_PADDING +
            (baseStroke - STROKE_WIDTHS.s) * 2 +
            (baseStroke >= STROKE_WIDTHS.xl ? 20 : 0)) *
          scale,
      }
    : null
  const box = bodyBox(geometry)
  return {
    kind: 'arrow',
    id,
    m: IDENTITY,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box,
    // Room for the heads and a label hanging off the body.
    pad: strokeWidth * 4 + (text ? ARROW_LABEL_FONT_SIZES[size] * scale * 4 : 0),
    path: geometry.path,
    body: geometry.body,
    length: geometry.length,
    start: geometry.start,
    end: geometry.end,
    heads,
    stroke: paletteColor(props.color).solid,
    strokeWidth,
    fill: fillOf(props.fill, props.color),
    runs: dash === 'dashed' || dash === 'dotted' ? dashRuns(geometry.path, strokeWidth, dash) : null,
    bodyHidden: dash === 'none',
    label,
  }
}

// ---------------------------------------------------------------------------------------------
// The scene

interface Board {
  readonly pages: BoardRecordJson[]
  readonly children: Map<string, BoardRecordJson[]>
  readonly bindings: Map<string, { start?: ArrowBinding; end?: ArrowBinding }>
}

function readBoard(records: Iterable<BoardRecordJson>, hidden: ReadonlySet<string> | undefined): Board {
  const pages: BoardRecordJson[] = []
  const children = new Map<string, BoardRecordJson[]>()
  const bindings = new Map<string, { start?: ArrowBinding; end?: ArrowBinding }>()
  for (const record of records) {
    switch (record.typeName) {
      case 'page':
        pages.push(record)
        break
      case 'shape': {
        if (typeof record.id !== 'string' || hidden?.has(record.id)) break
        const parentId = str(record.parentId, '')
        const siblings = children.get(parentId)
        if (siblings) siblings.push(record)
        else children.set(parentId, [record])
        break
      }
      case 'binding': {
        const b = bindingOf(record)
        if (!b || hidden?.has(b.binding.toId)) break
        const entry = bindings.get(b.arrowId) ?? {}
        entry[b.terminal] = b.binding
        bindings.set(b.arrowId, entry)
        break
      }
    }
  }
  return { pages, children, bindings }
}

function choosePage(pages: readonly BoardRecordJson[], pageId: string | null): string | null {
  if (pageId !== null) return pageId
  const first = [...pages].sort(byIndex)[0]
  return first ? str(first.id, '') : null
}

/** A shape's item, or null for groups and shapes drawn as nothing. */
function itemFor(record: BoardRecordJson, ctx: Context): SceneItem | null {
  const id = str(record.id, '')
  const props = propsOf(record)
  switch (record.type) {
    case 'geo':
      return geoItem(id, props, ctx)
    case 'note':
      return noteItem(id, props, ctx)
    case 'text':
      return textItem(id, props, ctx)
    case 'frame':
      return frameItem(id, props, ctx)
    case 'draw':
      return drawItem(id, props, ctx)
    case 'highlight':
      return highlightItem(id, props, ctx)
    case 'line':
      return lineItem(id, props, ctx)
    case 'group':
      return null
    default:
      return placeholderItem(id, props, ctx)
  }
}

/**
 * Builds the paint list of page `pageId` (or, when null, of the first page by `index`) from every
 * record of the board (shapes, bindings, pages; other typeNames ignored). Shapes in `hidden` (ids)
 * are left out as if not on the board, with their children. Ordered like tldraw: page children
 * by fractional `index` (string compare), children of frames/groups right after their parent,
 * recursively.
 */
export function buildPreviewScene(
  records: Iterable<BoardRecordJson>,
  pageId: string | null,
  hidden?: ReadonlySet<string>,
): PreviewScene {
  const board = readBoard(records, hidden)
  const page = choosePage(board.pages, pageId)
  if (page === null) return { pageId: null, shapeCount: 0, items: [], underlays: [] }
  const slots: (SceneItem | null)[] = []
  // What arrows may bind to; outlines are only worked out for shapes an arrow is bound to.
  const bindable = new Map<string, { record: BoardRecordJson; item: SceneItem } | Box>()
  const targets = new Map<string, BindTarget | null>()
  const targetOf = (id: string): BindTarget | null => {
    let target = targets.get(id)
    if (target === undefined) {
      const source = bindable.get(id)
      target = !source
        ? null
        : 'record' in source
          ? bindTargetOf(source.record, source.item)
          : boxTarget(source, 0)
      targets.set(id, target)
    }
    return target
  }
  const arrows: { slot: number; record: BoardRecordJson; ctx: Context }[] = []
  let shapeCount = 0

  /** Adds a shape and its children; returns the page box of everything it drew. */
  const visit = (record: BoardRecordJson, parent: Context): Box | null => {
    shapeCount++
    const ctx: Context = {
      m: multiply(parent.m, localTransform(num(record.x, 0), num(record.y, 0), num(record.rotation, 0))),
      opacity: parent.opacity * Math.max(0, Math.min(1, num(record.opacity, 1))),
      clip: parent.clip,
    }
    const id = str(record.id, '')
    let box: Box | null = null
    if (record.type === 'arrow') {
      arrows.push({ slot: slots.length, record, ctx })
      slots.push(null)
    } else {
      const item = itemFor(record, ctx)
      slots.push(item)
      if (item) {
        box = item.box
        bindable.set(id, { record, item })
      }
    }
    const kids = board.children.get(id)
    if (kids) {
      const props = propsOf(record)
      const clip: Clip | null =
        record.type === 'frame'
          ? {
              m: ctx.m,
              w: Math.max(1, num(props.w, 320)),
              h: Math.max(1, num(props.h, 180)),
              parent: ctx.clip,
            }
          : ctx.clip
      kids.sort(byIndex)
      for (const kid of kids) {
        // Frames clip their children, except arrows (tldraw's shouldClipChild).
        const childBox = visit(kid, { ...ctx, clip: kid.type === 'arrow' ? ctx.clip : clip })
        if (childBox && record.type === 'group') box = unionBox(box, childBox)
      }
    }
    if (record.type === 'group' && box) bindable.set(id, box)
    return box
  }

  const root: Context = { m: IDENTITY, opacity: 1, clip: null }
  const top = board.children.get(page) ?? []
  top.sort(byIndex)
  for (const record of top) visit(record, root)
  for (const { slot, record, ctx } of arrows) {
    slots[slot] = arrowItem(record, ctx, board.bindings.get(str(record.id, '')), targetOf)
  }
  const items = slots.filter((item): item is SceneItem => item !== null)
  const underlays = items.filter((item): item is HighlightItem => item.kind === 'highlight')
  return { pageId: page, shapeCount, items, underlays }
}

/**
 * Page-space bounding box {x, y, w, h} of everything in the scene (rotation and parent transforms
 * applied; geo includes props.growY), or null when empty.
 */
export function sceneBounds(scene: PreviewScene): { x: number; y: number; w: number; h: number } | null {
  let box: Box | null = null
  for (const item of scene.items) box = unionBox(box, item.box)
  if (!box) return null
  return { x: box.minX, y: box.minY, w: box.maxX - box.minX, h: box.maxY - box.minY }
}
