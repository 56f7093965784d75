/**
 * Paths as flat lists of op codes (what the painter replays on a canvas), the writer and helpers
 * that make them (polygons, polylines, tldraw's rounded corners), their segments (sampling,
 * flattening) and tldraw's per-segment dashes.
 */

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

export class PathWriter {
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
export function polygonPath(pts: readonly number[]): number[] {
  const p = new PathWriter()
  p.move(pts[0] ?? 0, pts[1] ?? 0)
  for (let i = 2; i + 1 < pts.length; i += 2) p.line(pts[i] ?? 0, pts[i + 1] ?? 0)
  return p.close().d
}

/** An open polyline (flat points) as a path. */
export function polylinePath(pts: readonly number[]): number[] {
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

export function dashStyle(value: unknown): DashStyle {
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
