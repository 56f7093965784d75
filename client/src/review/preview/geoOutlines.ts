/**
 * The outline of every geo kind as a path, following tldraw's getGeoShapePath: polygons (with
 * their corners, for the draw style's rounding), the curved kinds (oval, cloud, heart, ellipse)
 * and the inner lines of the x-box and check-box.
 */
import { circleCenter } from './geometry'
import { type DashStyle, dashStyle, type PathData, PathWriter, polygonPath } from './paths'
import { num, type Props } from './records'
import { type SizeName, sizeName } from './style'

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
export function geoOutline(
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
