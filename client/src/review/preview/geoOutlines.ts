/**
 * The outline of every geo kind as a path, following tldraw's getGeoShapePath: polygons (with
 * their corners, for the draw style's rounding), the curved kinds (from curvedOutlines.ts) and
 * the inner lines of the x-box and check-box.
 */
import { cloudPath, ellipsePath, heartPath, ovalPath } from './curvedOutlines'
import { type DashStyle, dashStyle, type PathData, PathWriter, polygonPath } from './paths'
import { num, type Props } from './records'
import { sizeName } from './style'

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
