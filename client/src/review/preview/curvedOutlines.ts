/**
 * The curved geo outlines, after tldraw's own: the stadium (`oval`), the cloud (bumps around a
 * pill, wiggled by the shape's id), the heart and the ellipse.
 */
import { circleCenter } from './geometry'
import { PathWriter } from './paths'
import type { SizeName } from './style'

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
export function cloudPath(
  width: number,
  height: number,
  seed: string,
  size: SizeName,
  scale: number,
): number[] {
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
export function ovalPath(w: number, h: number): number[] {
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

export function heartPath(w: number, h: number): number[] {
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

export function ellipsePath(w: number, h: number): number[] {
  // Two halves, as tldraw draws it, so a dashed ellipse gets a run per half.
  return new PathWriter()
    .move(0, h / 2)
    .ellipse(w / 2, h / 2, w / 2, h / 2, Math.PI, Math.PI * 2)
    .ellipse(w / 2, h / 2, w / 2, h / 2, 0, Math.PI)
    .close().d
}
