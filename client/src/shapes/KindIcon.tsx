import type { ComponentKind } from '@tradeoff/shared/architecture'
import { createElement } from 'react'
import { ICON_GRID, iconNodeOf } from './componentIcons'

interface KindIconProps {
  kind: ComponentKind
  /** Top-left corner and side of the icon, in the surrounding SVG's units. */
  x: number
  y: number
  size: number
  color: string
}

/**
 * A kind's lucide icon as an SVG group (not a nested `<svg>`), so it sits inside the shape's own
 * SVG on the canvas and in tldraw's SVG/PNG export alike. Strokes only: it prints in black and
 * white as it shows in colour.
 */
export function KindIcon({ kind, x, y, size, color }: KindIconProps) {
  const scale = size / ICON_GRID
  return (
    <g
      transform={`translate(${x} ${y}) scale(${scale})`}
      fill="none"
      stroke={color}
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {iconNodeOf(kind).map(([tag, attrs], i) => {
        const { key: _key, ...rest } = attrs as Record<string, unknown>
        // lucide's node list is fixed per icon, so its position is a stable key.
        return createElement(tag, { ...rest, key: i })
      })}
    </g>
  )
}
