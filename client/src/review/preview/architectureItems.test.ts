import { describe, expect, it } from 'vitest'
import { COMPONENT_SIZE, componentLabelBox } from '../../shapes/componentLook'
import { buildPreviewScene, type ComponentItem, type EstimateItem, sceneBounds } from './scene'

const page = { id: 'page:p', typeName: 'page', index: 'a1', name: 'Page 1', meta: {} }
const richText = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

function shape(id: string, type: string, x: number, props: Record<string, unknown>) {
  return {
    id,
    typeName: 'shape',
    type,
    parentId: 'page:p',
    index: `a${x}`,
    x,
    y: 10,
    rotation: 0,
    opacity: 1,
    props,
    meta: {},
  }
}

describe('the preview of architecture shapes', () => {
  it('draws a component as its box, colour, icon kind, label and caption', () => {
    const scene = buildPreviewScene(
      [
        page,
        shape('shape:c', 'component', 100, {
          kind: 'cache',
          w: COMPONENT_SIZE.w,
          h: COMPONENT_SIZE.h,
          color: 'blue',
          richText: richText('Redis'),
          caption: '×3',
        }),
      ],
      null,
    )
    const item = scene.items[0] as ComponentItem
    expect(item.kind).toBe('component')
    expect(item.componentKind).toBe('cache')
    expect(item.stroke).toBe('#4465e9')
    expect(item.caption).toBe('×3')
    expect(item.label?.text.paragraphs.length).toBe(1)
    expect(item.label?.box).toEqual(componentLabelBox(COMPONENT_SIZE.w, COMPONENT_SIZE.h, true))
    expect(sceneBounds(scene)).toEqual({ x: 100, y: 10, w: COMPONENT_SIZE.w, h: COMPONENT_SIZE.h })
  })

  it('draws an estimate as its card with title and rows, and skips a component of an unknown kind', () => {
    const rows = [
      { id: 'a', name: 'dau', expr: '10M' },
      { id: 'b', name: 'qps', expr: 'dau * 20 / day' },
    ]
    const scene = buildPreviewScene(
      [
        page,
        shape('shape:e', 'estimate', 1, { w: 340, h: 112, title: 'Traffic', rows }),
        shape('shape:u', 'component', 2, { kind: 'mainframe', w: 10, h: 10 }),
      ],
      null,
    )
    expect(scene.items.map((i) => i.kind)).toEqual(['estimate'])
    const item = scene.items[0] as EstimateItem
    expect(item.title).toBe('Traffic')
    expect(item.rows).toEqual(rows)
  })
})
