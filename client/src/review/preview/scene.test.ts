import { describe, expect, it, vi } from 'vitest'
import { PAGE_ID, page, rectangle } from '../../../../tests/support/records'
import { perfectDash } from './paths'
import { isEmptyRichText, labelText, richTextToParagraphs } from './richText'
import {
  type ArrowItem,
  type BoardRecordJson,
  buildPreviewScene,
  type GeoItem,
  type PreviewScene,
  type SceneItem,
  type StrokeItem,
  sceneBounds,
} from './scene'
import { decodeDrawPoints } from './strokes'
import { cachedLayout, layoutParagraphs, type Measure, wrapLine } from './text'

/** Every character is 10 px wide, whatever the font. */
const tenPerChar: Measure = (text) => text.length * 10

const ids = (scene: PreviewScene) => scene.items.map((item) => item.id)

function itemOf<K extends SceneItem['kind']>(
  scene: PreviewScene,
  id: string,
  kind: K,
): Extract<SceneItem, { kind: K }> {
  const item = scene.items.find((i) => i.id === id)
  if (!item || item.kind !== kind) throw new Error(`no ${kind} ${id}`)
  return item as Extract<SceneItem, { kind: K }>
}

function shape(
  id: string,
  overrides: Record<string, unknown>,
  props: Record<string, unknown> = {},
): BoardRecordJson {
  const base = rectangle(id)
  return { ...base, ...overrides, props: { ...(base.props as object), ...props } }
}

function arrow(
  id: string,
  props: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): BoardRecordJson {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'arrow',
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a9',
    parentId: PAGE_ID,
    opacity: 1,
    meta: {},
    props: {
      kind: 'arc',
      color: 'black',
      labelColor: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      font: 'draw',
      start: { x: 0, y: 0 },
      end: { x: 100, y: 0 },
      bend: 0,
      richText: { type: 'doc', content: [{ type: 'paragraph' }] },
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
      ...props,
    },
    ...overrides,
  }
}

function binding(
  arrowId: string,
  toId: string,
  terminal: 'start' | 'end',
  props: Record<string, unknown> = {},
) {
  return {
    id: `binding:${arrowId}-${terminal}`,
    typeName: 'binding',
    type: 'arrow',
    fromId: `shape:${arrowId}`,
    toId: `shape:${toId}`,
    meta: {},
    props: {
      terminal,
      normalizedAnchor: { x: 0.5, y: 0.5 },
      isExact: false,
      isPrecise: false,
      snap: 'none',
      ...props,
    },
  }
}

function doc(...content: unknown[]) {
  return { type: 'doc', content }
}

function para(text: string) {
  return { type: 'paragraph', content: [{ type: 'text', text }] }
}

describe('buildPreviewScene: order and pages', () => {
  it('orders page children by index (string order), each parent followed by its children', () => {
    const records = [
      page(),
      shape('b', { index: 'a2' }),
      shape('a', { index: 'a1' }),
      shape('frame', { index: 'a10', type: 'frame' }, { w: 300, h: 200, name: 'F' }),
      shape('in2', { index: 'a2', parentId: 'shape:frame' }),
      shape('in1', { index: 'a1', parentId: 'shape:frame' }),
      shape('group', { index: 'a1V', type: 'group' }, {}),
      shape('g1', { index: 'a1', parentId: 'shape:group' }),
      shape('nested', { index: 'a1', parentId: 'shape:in1', type: 'frame' }, { w: 10, h: 10, name: '' }),
      shape('deep', { index: 'a1', parentId: 'shape:nested' }),
    ]
    const scene = buildPreviewScene(records, null)
    // 'a10' < 'a1V' < 'a2' as strings; groups draw nothing but their children.
    expect(ids(scene)).toEqual([
      'shape:a',
      'shape:frame',
      'shape:in1',
      'shape:nested',
      'shape:deep',
      'shape:in2',
      'shape:g1',
      'shape:b',
    ])
    expect(scene.shapeCount).toBe(9)
    expect(scene.pageId).toBe(PAGE_ID)
  })

  it('takes the first page by index when none is given, and only its shapes', () => {
    const records = [
      page('page:two', 'Two'),
      { ...page('page:one', 'One'), index: 'a0' },
      shape('on-two', { parentId: 'page:two' }),
      shape('on-one', { parentId: 'page:one' }),
      { id: 'camera:x', typeName: 'camera', x: 0, y: 0, z: 1 },
    ]
    expect(ids(buildPreviewScene(records, null))).toEqual(['shape:on-one'])
    const two = buildPreviewScene(records, 'page:two')
    expect(two.pageId).toBe('page:two')
    expect(ids(two)).toEqual(['shape:on-two'])
    expect(buildPreviewScene([], null)).toMatchObject({ pageId: null, shapeCount: 0, items: [] })
  })

  it('leaves hidden shapes out, with their children', () => {
    const records = [
      page(),
      shape('keep', { index: 'a1' }),
      shape('gone', { index: 'a2', type: 'frame' }, { w: 100, h: 100, name: '' }),
      shape('child', { parentId: 'shape:gone' }),
    ]
    const scene = buildPreviewScene(records, null, new Set(['shape:gone']))
    expect(ids(scene)).toEqual(['shape:keep'])
    expect(scene.shapeCount).toBe(1)
  })
})

describe('buildPreviewScene: transforms and bounds', () => {
  it('composes parent transforms, rotation included', () => {
    const records = [
      page(),
      shape('group', { type: 'group', x: 100, y: 50, rotation: Math.PI / 2 }, {}),
      shape(
        'child',
        { parentId: 'shape:group', x: 10, y: 0, rotation: Math.PI / 2, opacity: 0.5 },
        { w: 20, h: 10 },
      ),
    ]
    const child = itemOf(buildPreviewScene(records, null), 'shape:child', 'geo')
    // (10, 0) turned a quarter about the group's origin is (0, 10); the child turns another quarter.
    expect(child.m.e).toBeCloseTo(100)
    expect(child.m.f).toBeCloseTo(60)
    expect(child.m.a).toBeCloseTo(-1)
    expect(child.m.d).toBeCloseTo(-1)
    expect(child.box.minX).toBeCloseTo(80)
    expect(child.box.maxX).toBeCloseTo(100)
    expect(child.box.minY).toBeCloseTo(50)
    expect(child.box.maxY).toBeCloseTo(60)
    expect(child.opacity).toBe(0.5)
  })

  it('bounds everything, growY and rotation included', () => {
    const records = [
      page(),
      shape('tall', { x: 0, y: 0 }, { w: 100, h: 50, growY: 30 }),
      shape('turned', { x: 300, y: 0, rotation: Math.PI / 2 }, { w: 100, h: 40 }),
    ]
    const scene = buildPreviewScene(records, null)
    expect(itemOf(scene, 'shape:tall', 'geo').h).toBe(80)
    const bounds = sceneBounds(scene)
    // The turned shape spans x 260-300 and y 0-100.
    expect(bounds?.x).toBeCloseTo(0)
    expect(bounds?.y).toBeCloseTo(0)
    expect(bounds?.w).toBeCloseTo(300)
    expect(bounds?.h).toBeCloseTo(100)
    expect(sceneBounds(buildPreviewScene([page()], null))).toBeNull()
  })

  it('clips frame children to the frame, but not arrows', () => {
    const records = [
      page(),
      shape('frame', { type: 'frame', x: 10, y: 20 }, { w: 300, h: 200, name: 'F' }),
      shape('inside', { parentId: 'shape:frame' }),
      arrow('link', {}, { parentId: 'shape:frame' }),
    ]
    const scene = buildPreviewScene(records, null)
    expect(itemOf(scene, 'shape:frame', 'frame').clip).toBeNull()
    expect(itemOf(scene, 'shape:inside', 'geo').clip).toMatchObject({ w: 300, h: 200, m: { e: 10, f: 20 } })
    expect(itemOf(scene, 'shape:link', 'arrow').clip).toBeNull()
  })
})

describe('buildPreviewScene: shapes', () => {
  const geoKinds = [
    'rectangle',
    'ellipse',
    'triangle',
    'diamond',
    'pentagon',
    'hexagon',
    'octagon',
    'star',
    'rhombus',
    'rhombus-2',
    'oval',
    'trapezoid',
    'arrow-right',
    'arrow-left',
    'arrow-up',
    'arrow-down',
    'x-box',
    'check-box',
    'cloud',
    'heart',
  ]

  it('draws every geo kind as a finite outline inside its box', () => {
    for (const geo of geoKinds) {
      for (const dash of ['draw', 'solid', 'dashed']) {
        const scene = buildPreviewScene([page(), shape(geo, {}, { geo, dash, w: 160, h: 90 })], null)
        const item = itemOf(scene, `shape:${geo}`, 'geo')
        expect(item.outline.length, geo).toBeGreaterThan(3)
        expect(item.outline.every(Number.isFinite), geo).toBe(true)
        if (dash === 'dashed') expect(item.runs?.length, geo).toBeGreaterThan(0)
      }
    }
  })

  it('gives a dashed rectangle one run of whole dashes per side', () => {
    const scene = buildPreviewScene([page(), shape('r', {}, { dash: 'dashed', w: 160, h: 90 })], null)
    const item = itemOf(scene, 'shape:r', 'geo')
    expect(item.runs).toHaveLength(4)
    // Each side starts and ends on half a dash: (length + dash) is a whole number of dash + gap.
    const { dash, offset } = perfectDash(160, 3.5, 'dashed', 'outset', 'outset')
    expect(offset).toBeCloseTo(3.5)
    const [d, g] = dash
    expect(((160 + 7 + g) / (d + g)) % 1).toBeCloseTo(0)
  })

  it("uses tldraw's colours, fills and sizes", () => {
    const scene = buildPreviewScene(
      [
        page(),
        shape('solid', {}, { color: 'blue', fill: 'solid', size: 'l' }),
        shape('semi', {}, { color: 'red', fill: 'semi' }),
        shape('pattern', {}, { color: 'green', fill: 'pattern' }),
      ],
      null,
    )
    const solid = itemOf(scene, 'shape:solid', 'geo')
    expect(solid).toMatchObject({
      stroke: '#4465e9',
      strokeWidth: 5,
      fill: { color: '#dce1f8', hatch: null },
    })
    expect(itemOf(scene, 'shape:semi', 'geo').fill?.color).toBe('#fcfffe')
    expect(itemOf(scene, 'shape:pattern', 'geo').fill).toMatchObject({ color: '#fcfffe', hatch: '#39a785' })
  })

  it("lays a geo label out in the shape's box with tldraw's font, padding and wrapping width", () => {
    const scene = buildPreviewScene(
      [page(), shape('r', {}, { w: 200, h: 100, growY: 20, font: 'mono', size: 'l' })],
      null,
    )
    expect(itemOf(scene, 'shape:r', 'geo').label).toBeNull()
    const labelled = buildPreviewScene(
      [
        page(),
        {
          ...rectangle('r', 0, 0, 'Hello'),
          props: {
            ...(rectangle('r', 0, 0, 'Hello').props as object),
            w: 200,
            h: 100,
            growY: 20,
            font: 'mono',
            size: 'l',
            align: 'start-legacy',
          },
        },
      ],
      null,
    )
    const label = itemOf(labelled, 'shape:r', 'geo').label
    expect(label).toMatchObject({
      style: { family: "'tldraw_mono', monospace", size: 26 },
      padding: 16,
      wrapWidth: 168,
      align: 'start',
      verticalAlign: 'middle',
      box: { x: 0, y: 0, w: 200, h: 120 },
      color: '#1d1d1d',
    })
  })

  it('decodes draw segments: float32 first point, float16 deltas, with or without pressure', () => {
    const points3d = encodeDrawPoints(
      [
        [10.5, -20.25],
        [11.5, -18.25],
        [9, -18.75],
      ],
      3,
    )
    expect(decodeDrawPoints(points3d)).toEqual([10.5, -20.25, 11.5, -18.25, 9, -18.75])
    const points2d = encodeDrawPoints(
      [
        [0, 0],
        [0.5, 1000],
      ],
      2,
    )
    expect(decodeDrawPoints(points2d, 2)).toEqual([0, 0, 0.5, 1000])
    expect(decodeDrawPoints('')).toEqual([])
  })

  it('builds draw and highlight shapes from their segments', () => {
    const segments = [
      {
        type: 'free',
        path: encodeDrawPoints(
          [
            [0, 0],
            [10, 0],
            [10, 10],
          ],
          3,
        ),
      },
      {
        type: 'straight',
        path: encodeDrawPoints(
          [
            [10, 10],
            [30, 10],
          ],
          2,
        ),
        dim: 2,
      },
    ]
    const draw = {
      ...shape('d', { type: 'draw', x: 100, y: 100 }),
      props: {
        segments,
        color: 'red',
        fill: 'none',
        dash: 'draw',
        size: 'm',
        isClosed: false,
        isPen: false,
        scale: 2,
        scaleX: 1,
        scaleY: 1,
      },
    }
    const highlight = {
      ...draw,
      id: 'shape:h',
      type: 'highlight',
      props: { ...draw.props, color: 'yellow', scale: 1 },
    }
    const legacy = {
      ...draw,
      id: 'shape:old',
      props: {
        ...draw.props,
        segments: [
          {
            type: 'free',
            points: [
              { x: 0, y: 0, z: 0.5 },
              { x: 5, y: 5, z: 0.5 },
            ],
          },
        ],
      },
    }
    const scene = buildPreviewScene([page(), draw, highlight, legacy], null)
    const stroke = itemOf(scene, 'shape:d', 'stroke') as StrokeItem
    expect(stroke.box).toEqual({ minX: 100, minY: 100, maxX: 130, maxY: 110 })
    expect(stroke.strokeWidth).toBe((3.5 + 1) * 2)
    expect(stroke.stroke).toBe('#e03131')
    expect(itemOf(scene, 'shape:h', 'highlight')).toMatchObject({ color: '#fddd00', strokeWidth: 24 * 1.12 })
    expect(scene.underlays.map((u) => u.id)).toEqual(['shape:h'])
    expect(itemOf(scene, 'shape:old', 'stroke').box).toEqual({ minX: 100, minY: 100, maxX: 105, maxY: 105 })
  })

  it('orders line points by index', () => {
    const line = {
      ...shape('l', { type: 'line' }),
      props: {
        color: 'black',
        dash: 'solid',
        size: 'm',
        spline: 'line',
        scale: 1,
        points: {
          b: { id: 'b', index: 'a2', x: 50, y: 50 },
          a: { id: 'a', index: 'a1', x: 0, y: 0 },
          c: { id: 'c', index: 'a3', x: 100, y: 0 },
        },
      },
    }
    const item = itemOf(buildPreviewScene([page(), line], null), 'shape:l', 'stroke')
    expect(item.path).toEqual([0, 0, 0, 1, 50, 50, 1, 100, 0])
  })

  it('sizes notes, scaled and grown', () => {
    const note = {
      ...shape('n', { type: 'note' }),
      props: {
        color: 'blue',
        labelColor: 'black',
        size: 'm',
        font: 'draw',
        align: 'middle',
        verticalAlign: 'middle',
        growY: 40,
        scale: 0.5,
        fontSizeAdjustment: 1,
        richText: doc(para('hi')),
      },
    }
    const item = itemOf(buildPreviewScene([page(), note], null), 'shape:n', 'note')
    expect(item).toMatchObject({ w: 100, h: 120, color: '#8AA3FF', label: { color: '#000000', scale: 0.5 } })
  })
})

describe('buildPreviewScene: arrows', () => {
  const boxes = [
    page(),
    shape('a', { x: 0, y: 0 }, { w: 100, h: 100 }),
    shape('b', { x: 300, y: 0 }, { w: 100, h: 100 }),
  ]

  it('puts bound terminals on the targets, clipped to their outlines, the head kept clear', () => {
    const records = [...boxes, arrow('x', {}), binding('x', 'a', 'start'), binding('x', 'b', 'end')]
    const item = itemOf(buildPreviewScene(records, null), 'shape:x', 'arrow')
    // From the centres: leaves a's right side; the head stops 10 + half of both strokes before b.
    expect(item.start.x).toBeCloseTo(100)
    expect(item.start.y).toBeCloseTo(50)
    expect(item.end.x).toBeCloseTo(300 - (10 + 3.5 / 2 + 3.5 / 2))
    expect(item.end.y).toBeCloseTo(50)
    expect(item.heads).toHaveLength(1)
  })

  it('uses a precise anchor, and an exact one as is', () => {
    const records = [
      ...boxes,
      arrow('x', { arrowheadEnd: 'none' }),
      binding('x', 'a', 'start', { isPrecise: true, normalizedAnchor: { x: 0.5, y: 0.25 } }),
      binding('x', 'b', 'end', { isPrecise: true, isExact: true, normalizedAnchor: { x: 0.5, y: 0.25 } }),
    ]
    const item = itemOf(buildPreviewScene(records, null), 'shape:x', 'arrow')
    expect(item.start.x).toBeCloseTo(100)
    expect(item.start.y).toBeCloseTo(25)
    expect(item.end.x).toBeCloseTo(350)
    expect(item.end.y).toBeCloseTo(25)
  })

  it('reads unbound terminals relative to the arrow, and ignores bindings to hidden shapes', () => {
    const records = [
      ...boxes,
      arrow(
        'x',
        { start: { x: 0, y: 0 }, end: { x: 0, y: 80 }, arrowheadEnd: 'none' },
        { x: 500, y: 10, rotation: -Math.PI / 2 },
      ),
      binding('x', 'b', 'end'),
    ]
    const item = itemOf(buildPreviewScene(records, null, new Set(['shape:b'])), 'shape:x', 'arrow')
    expect(item.start).toMatchObject({ x: 500, y: 10 })
    // (0, 80) turned a quarter back is (80, 0).
    expect(item.end.x).toBeCloseTo(580)
    expect(item.end.y).toBeCloseTo(10)
  })

  it('bends through the point `bend` off the middle, ends on the targets', () => {
    const records = [...boxes, arrow('x', { bend: 60 }), binding('x', 'a', 'start'), binding('x', 'b', 'end')]
    const item = itemOf(buildPreviewScene(records, null), 'shape:x', 'arrow') as ArrowItem
    expect(item.body.kind).toBe('arc')
    if (item.body.kind !== 'arc') return
    // The circle through both centres and the bend point (200, 110): centre (200, y) with r = |y - 110|.
    const { cx, cy, r } = item.body
    expect(cx).toBeCloseTo(200)
    expect(Math.hypot(50 - cx, 50 - cy)).toBeCloseTo(r)
    expect(Math.abs(110 - cy)).toBeCloseTo(r)
    // The start lies on a's outline (no head there); the end stops the head's gap short of b's.
    const onA = Math.min(Math.abs(item.start.x - 100), Math.abs(item.start.y - 100))
    expect(onA).toBeCloseTo(0)
    expect(item.start.y).toBeGreaterThan(50)
    const offB = Math.min(Math.abs(item.end.x - 300), Math.abs(item.end.y - 100))
    expect(offB).toBeGreaterThan(5)
    expect(offB).toBeLessThan(10 + 3.5 + 0.01)
  })

  it('routes an elbow arrow with right angles', () => {
    const records = [
      page(),
      shape('a', { x: 0, y: 0 }, { w: 100, h: 60 }),
      shape('b', { x: 300, y: 200 }, { w: 100, h: 60 }),
      arrow('x', { kind: 'elbow', arrowheadEnd: 'none' }),
      binding('x', 'a', 'start'),
      binding('x', 'b', 'end'),
    ]
    const item = itemOf(buildPreviewScene(records, null), 'shape:x', 'arrow')
    if (item.body.kind !== 'polyline') throw new Error('not a polyline')
    const pts = item.body.pts
    // Out of a's right side, one bend, into b's top.
    expect(pts).toEqual([100, 30, 350, 30, 350, 200])
  })
})

describe('rich text', () => {
  it('reads paragraphs, hard breaks, lists and headings', () => {
    const richText = doc(
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'one' },
          { type: 'hardBreak' },
          { type: 'text', text: 'two', marks: [{ type: 'bold' }] },
        ],
      },
      { type: 'paragraph' },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              para('apple'),
              {
                type: 'orderedList',
                attrs: { start: 3 },
                content: [{ type: 'listItem', content: [para('deep')] }],
              },
            ],
          },
        ],
      },
    )
    expect(richTextToParagraphs(richText)).toEqual([
      { text: 'Title', marker: '', depth: 0, heading: 2 },
      { text: 'one\ntwo', marker: '', depth: 0, heading: 0 },
      { text: '', marker: '', depth: 0, heading: 0 },
      { text: 'apple', marker: '•', depth: 1, heading: 0 },
      { text: 'deep', marker: '3.', depth: 2, heading: 0 },
    ])
  })

  it("treats tldraw's empty documents as no label", () => {
    expect(isEmptyRichText(doc())).toBe(true)
    expect(isEmptyRichText(doc({ type: 'paragraph' }))).toBe(true)
    expect(isEmptyRichText(doc(para('x')))).toBe(false)
    expect(labelText(doc({ type: 'paragraph' }))).toBeNull()
    expect(labelText(undefined)).toBeNull()
    const richText = doc(para('same'))
    expect(labelText(richText)).toBe(labelText(richText))
  })
})

describe('wrapping', () => {
  it('breaks at spaces, keeps leading spaces, breaks long words and after hyphens', () => {
    const lines = (text: string, width: number | null) =>
      wrapLine(text, 'f', width, tenPerChar).map((l) => l.text)
    expect(lines('aaa bbb ccc', 75)).toEqual(['aaa bbb', 'ccc'])
    expect(lines('aaa bbb ccc', null)).toEqual(['aaa bbb ccc'])
    expect(lines('  indented', 200)).toEqual(['  indented'])
    expect(lines('abcdefghij', 35)).toEqual(['abc', 'def', 'ghi', 'j'])
    expect(lines('arrow-right', 80)).toEqual(['arrow-', 'right'])
    expect(lines('', 80)).toEqual([''])
    const widths = wrapLine('aaa bbb ccc', 'f', 75, tenPerChar).map((l) => l.width)
    expect(widths).toEqual([70, 30])
  })

  it('aligns lines in a block as wide as the widest line, or the width when it wrapped', () => {
    const style = { family: 'x', size: 20 }
    const single = layoutParagraphs(
      [{ text: 'ab', marker: '', depth: 0, heading: 0 }],
      style,
      100,
      'center',
      tenPerChar,
    )
    expect(single.width).toBe(20)
    expect(single.height).toBe(27) // round(20 × 1.35)
    const wrapped = layoutParagraphs(
      [
        { text: 'aaaa bb', marker: '', depth: 0, heading: 0 },
        { text: 'c', marker: '•', depth: 1, heading: 0 },
      ],
      style,
      50,
      'end',
      tenPerChar,
    )
    expect(wrapped.width).toBe(50)
    expect(wrapped.lines.map((l) => [l.text, l.x, l.y])).toEqual([
      ['aaaa', 10, 0],
      ['bb', 30, 27],
      // List items stay left, indented 1.625 ch (the '0' is 10 px).
      ['c', 16.25, 54],
    ])
    expect(wrapped.lines[2]?.marker).toBe('•')
  })

  it('reuses a cached layout for the same label, font, size, width and alignment', () => {
    const text = labelText(doc(para('cache me please')))
    if (!text) throw new Error('no text')
    const measure = vi.fn(tenPerChar)
    const style = { family: 'cachetest', size: 20 }
    const first = cachedLayout('k1-cachetest', text, style, 100, 'center', measure)
    const calls = measure.mock.calls.length
    expect(calls).toBeGreaterThan(0)
    expect(cachedLayout('k1-cachetest', text, style, 100, 'center', measure)).toBe(first)
    expect(measure.mock.calls.length).toBe(calls)
    // A layout made with estimated widths is not kept.
    const estimated = cachedLayout('k2-cachetest', text, style, 100, 'center', measure, () => false)
    expect(cachedLayout('k2-cachetest', text, style, 100, 'center', measure)).not.toBe(estimated)
  })

  it("keeps a shape's label (and its wrapped lines) across scenes built from the same records", () => {
    const records = [page(), rectangle('r', 0, 0, 'Label')]
    const a = itemOf(buildPreviewScene(records, null), 'shape:r', 'geo') as GeoItem
    const b = itemOf(buildPreviewScene(records, null), 'shape:r', 'geo') as GeoItem
    expect(a.label).not.toBeNull()
    expect(b.label).toBe(a.label)
  })
})

// --- test helpers -------------------------------------------------------------------------

/** An IEEE half float's bits (exact for the values used here). */
function halfBits(value: number): number {
  if (value === 0) return 0
  const sign = value < 0 ? 0x8000 : 0
  const abs = Math.abs(value)
  const exponent = Math.floor(Math.log2(abs))
  const fraction = Math.round((abs / 2 ** exponent - 1) * 1024)
  return sign | ((exponent + 15) << 10) | fraction
}

/** tldraw's b64Vecs encoding of points: float32 first point, float16 deltas; pressure 0.5 when 3D. */
function encodeDrawPoints(points: [number, number][], dim: 2 | 3): string {
  const first = dim === 3 ? 12 : 8
  const step = dim === 3 ? 6 : 4
  const bytes = new Uint8Array(first + (points.length - 1) * step)
  const view = new DataView(bytes.buffer)
  const [x0, y0] = points[0] as [number, number]
  view.setFloat32(0, x0, true)
  view.setFloat32(4, y0, true)
  if (dim === 3) view.setFloat32(8, 0.5, true)
  for (let i = 1; i < points.length; i++) {
    const [x, y] = points[i] as [number, number]
    const [px, py] = points[i - 1] as [number, number]
    const at = first + (i - 1) * step
    view.setUint16(at, halfBits(x - px), true)
    view.setUint16(at + 2, halfBits(y - py), true)
  }
  return Buffer.from(bytes).toString('base64')
}

describe('buildPreviewScene: an unsound board', () => {
  it('R29 draws loops, self-parented shapes, orphans and a 10,000-deep chain on the page, and leaves out records out of bounds', () => {
    let deepMeta: unknown = {}
    for (let level = 0; level < 10_000; level++) deepMeta = { deepMeta }
    const chain = Array.from({ length: 10_000 }, (_, i) =>
      shape(`c${i}`, { parentId: i === 0 ? PAGE_ID : `shape:c${i - 1}` }),
    )
    const records = [
      page(),
      shape('ok', {}),
      shape('a', { parentId: 'shape:b' }),
      shape('b', { parentId: 'shape:a' }),
      shape('self', { parentId: 'shape:self' }),
      shape('orphan', { parentId: 'shape:gone' }),
      shape('deepmeta', { meta: { deepMeta } }),
      shape('long', {}, { richText: doc(para('x'.repeat(5_000_000))) }),
      shape('nan', { x: Number.NaN }),
      shape('huge', { y: 1e300 }),
      ...chain,
    ]
    const scene = buildPreviewScene(records, null)
    const drawn = new Set(ids(scene))
    for (const id of ['ok', 'a', 'b', 'self', 'orphan', 'c0', 'c5000', 'c9999'])
      expect(drawn).toContain(`shape:${id}`)
    for (const id of ['deepmeta', 'long', 'nan', 'huge']) expect(drawn).not.toContain(`shape:${id}`)
    expect(scene.shapeCount).toBe(5 + chain.length)
  })
})
