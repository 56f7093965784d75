import { describe, expect, it } from 'vitest'
import { createBoardSchema } from '../boardSchema'
import { summarizeArchitecture } from './architecture'
import { COMPONENT_CAPTION_MAX, COMPONENT_KINDS } from './componentKinds'
import { estimateRowsFingerprint } from './estimateResults'
import { ESTIMATE_LIMITS, type EstimateRow } from './estimateShape'
import { richTextToPlain } from './richTextPlain'

const schema = createBoardSchema()
const shapeType = schema.types.shape

const label = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
})

function shape(type: string, props: Record<string, unknown>, id = 'shape:s') {
  return {
    id,
    typeName: 'shape',
    type,
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props,
    meta: {},
  }
}

const component = (props: Record<string, unknown> = {}, id?: string) =>
  shape(
    'component',
    { kind: 'service', w: 160, h: 96, color: 'black', richText: label('Feed'), caption: '×3', ...props },
    id,
  )

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `n${i}`, expr: `${i} * 2` }))
const estimate = (props: Record<string, unknown> = {}, id?: string) =>
  shape('estimate', { w: 280, h: 200, title: 'Storage', rows: rows(3), ...props }, id)

const valid = (record: unknown) => () => shapeType.validate(record)

describe('the component shape as the board schema checks it', () => {
  it.each(COMPONENT_KINDS)('accepts kind %s', (kind) => {
    expect(valid(component({ kind }))).not.toThrow()
  })

  it('refuses unknown kinds, and kinds in another case', () => {
    expect(valid(component({ kind: 'mainframe' }))).toThrow(/kind/)
    expect(valid(component({ kind: 'Cache' }))).toThrow(/kind/)
    expect(valid(component({ kind: '' }))).toThrow(/kind/)
  })

  it('accepts a caption of up to 80 characters, empty too, and refuses 81', () => {
    expect(valid(component({ caption: '' }))).not.toThrow()
    expect(valid(component({ caption: 'q'.repeat(COMPONENT_CAPTION_MAX) }))).not.toThrow()
    expect(valid(component({ caption: 'q'.repeat(COMPONENT_CAPTION_MAX + 1) }))).toThrow(/caption/)
    expect(valid(component({ caption: 3 }))).toThrow(/caption/)
  })

  it('takes tldraw default colours only', () => {
    for (const color of ['black', 'blue', 'light-violet', 'red', 'white']) {
      expect(valid(component({ color }))).not.toThrow()
    }
    expect(valid(component({ color: '#ff0000' }))).toThrow(/color/)
  })

  it('needs a positive, finite size', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '100']) {
      expect(valid(component({ w: bad }))).toThrow(/w/)
      expect(valid(component({ h: bad }))).toThrow(/h/)
    }
  })

  it('needs its label as rich text', () => {
    expect(valid(component({ richText: 'Feed' }))).toThrow(/richText/)
    expect(valid(component({ richText: label('') }))).not.toThrow()
  })

  it('refuses other props and missing ones', () => {
    expect(valid(component({ url: '' }))).toThrow(/url/)
    const { caption: _, ...noCaption } = component().props
    expect(valid(shape('component', noCaption))).toThrow(/caption/)
  })
})

describe('the estimate shape as the board schema checks it', () => {
  it('accepts a card with 0 and with 40 rows, and refuses 41', () => {
    expect(valid(estimate({ rows: [] }))).not.toThrow()
    expect(valid(estimate({ rows: rows(ESTIMATE_LIMITS.rowsMax) }))).not.toThrow()
    expect(valid(estimate({ rows: rows(ESTIMATE_LIMITS.rowsMax + 1) }))).toThrow(/rows/)
  })

  it('bounds the title at 80, names at 40 and expressions at 200 characters', () => {
    expect(valid(estimate({ title: 't'.repeat(80) }))).not.toThrow()
    expect(valid(estimate({ title: 't'.repeat(81) }))).toThrow(/title/)
    const row = (name: string, expr: string) => [{ id: 'r', name, expr }]
    expect(valid(estimate({ rows: row('n'.repeat(40), 'e'.repeat(200)) }))).not.toThrow()
    expect(valid(estimate({ rows: row('n'.repeat(41), '1') }))).toThrow(/name/)
    expect(valid(estimate({ rows: row('n', 'e'.repeat(201)) }))).toThrow(/expr/)
  })

  it('refuses rows that are not {id, name, expr} strings, and other props', () => {
    expect(valid(estimate({ rows: [{ id: 'r', name: 'a' }] }))).toThrow(/expr/)
    expect(valid(estimate({ rows: [{ id: 'r', name: 'a', expr: 1 }] }))).toThrow(/expr/)
    expect(valid(estimate({ rows: [{ id: 'r', name: 'a', expr: '1', value: 2 }] }))).toThrow(/value/)
    expect(valid(estimate({ rows: 'a = 1' }))).toThrow(/rows/)
    expect(valid(estimate({ color: 'black' }))).toThrow(/color/)
    expect(valid(estimate({ w: 0 }))).toThrow(/w/)
  })
})

describe('the architecture of a board', () => {
  it('counts components by kind in the kit order, lists labels and captions, and reads estimates', () => {
    const summary = summarizeArchitecture([
      component({ kind: 'cache', richText: label('Redis'), caption: '' }, 'shape:c'),
      component({ kind: 'service', richText: label('Feed'), caption: '×3' }, 'shape:b'),
      component({ kind: 'service', richText: label('Auth'), caption: '' }, 'shape:a'),
      component({ kind: 'load-balancer', richText: label('LB') }, 'shape:l'),
      component({ kind: 'unknown' }, 'shape:u'),
      estimate({ title: 'Storage' }, 'shape:e'),
      { id: 'page:page', typeName: 'page' },
      null,
    ])
    expect(summary.counts).toEqual([
      { kind: 'load-balancer', count: 1 },
      { kind: 'service', count: 2 },
      { kind: 'cache', count: 1 },
    ])
    expect(summary.components.map((c) => `${c.kind}:${c.label}:${c.caption}`)).toEqual([
      'load-balancer:LB:×3',
      'service:Auth:',
      'service:Feed:×3',
      'cache:Redis:',
    ])
    expect(summary.estimates).toEqual([
      {
        id: 'shape:e',
        title: 'Storage',
        rows: rows(3).map(({ name, expr }) => ({ name, expr, shown: null })),
      },
    ])
  })

  it('lists the values a browser recorded for the rows as they are, and none for rows since changed', () => {
    const card = estimate({ title: 'Storage', rows: rows(2) }, 'shape:e') as unknown as {
      props: { rows: EstimateRow[] }
    }
    const values = Object.fromEntries(
      card.props.rows.map((row, i) => [
        row.id,
        i === 0 ? { display: '≈ 2.3k msg/s', error: null } : { display: null, error: 'unknown unit' },
      ]),
    )
    const recorded = { ...card, meta: { results: { for: estimateRowsFingerprint(card.props.rows), values } } }
    expect(summarizeArchitecture([recorded]).estimates[0]?.rows.map((row) => row.shown)).toEqual([
      '≈ 2.3k msg/s',
      'error: unknown unit',
    ])
    const edited = {
      ...recorded,
      props: { ...card.props, rows: card.props.rows.map((r) => ({ ...r, expr: `${r.expr} + 1` })) },
    }
    expect(summarizeArchitecture([edited]).estimates[0]?.rows.map((row) => row.shown)).toEqual([null, null])
  })

  it('reads rich text as plain lines and anything else as empty', () => {
    const twoLines = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Feed' }, { type: 'hardBreak' }, { type: 'text', text: 'v2' }],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'writer' }] },
      ],
    }
    expect(richTextToPlain(twoLines)).toBe('Feed\nv2\nwriter')
    expect(richTextToPlain('text')).toBe('')
    expect(richTextToPlain(null)).toBe('')
  })
})
