import { COMPONENT_KINDS } from '@tradeoff/shared/architecture'
import { describe, expect, it } from 'vitest'
import { COMPONENT_ICONS, iconNodeOf } from './componentIcons'

describe('component icons', () => {
  it('gives every kind an icon of its own', () => {
    const icons = COMPONENT_KINDS.map((kind) => COMPONENT_ICONS[kind])
    expect(new Set(icons).size).toBe(COMPONENT_KINDS.length)
  })

  it('reads a drawing for every kind from lucide, each one different', () => {
    const drawings = COMPONENT_KINDS.map((kind) => JSON.stringify(iconNodeOf(kind)))
    for (const [index, kind] of COMPONENT_KINDS.entries()) {
      const node = iconNodeOf(kind)
      expect(node.length, kind).toBeGreaterThan(0)
      for (const [tag] of node)
        expect(['path', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse']).toContain(tag)
      expect(drawings.indexOf(drawings[index] ?? ''), kind).toBe(index)
    }
  })
})
