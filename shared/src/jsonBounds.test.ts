import { describe, expect, it } from 'vitest'
import { jsonBoundsProblem } from './jsonBounds'

const bounds = { maxDepth: 24, maxStringLength: 50_000, maxAbsNumber: 1e9 }

function nested(depth: number): unknown {
  let value: unknown = {}
  for (let level = 1; level < depth; level++) value = { inner: value }
  return value
}

describe('JSON bounds', () => {
  it('passes a plain record within bounds', () => {
    const record = { id: 'shape:a', x: -5.5, props: { w: 1e9, list: [1, 'two', null, true] } }
    expect(jsonBoundsProblem(record, bounds)).toBeNull()
  })

  it('counts nesting levels, the value itself being level 1', () => {
    expect(jsonBoundsProblem(nested(24), bounds)).toBeNull()
    expect(jsonBoundsProblem(nested(25), bounds)).toMatch(/deeper than 24/)
    expect(jsonBoundsProblem([[[[1]]]], { ...bounds, maxDepth: 3 })).toMatch(/deeper/)
  })

  it('refuses 10,000-deep nesting without overflowing the stack', () => {
    expect(jsonBoundsProblem(nested(10_000), bounds)).toMatch(/deeper/)
  })

  it('refuses long strings and long keys', () => {
    expect(jsonBoundsProblem({ text: 'x'.repeat(50_000) }, bounds)).toBeNull()
    expect(jsonBoundsProblem({ text: 'x'.repeat(5_000_000) }, bounds)).toMatch(/longer than 50000/)
    expect(jsonBoundsProblem({ ['k'.repeat(50_001)]: 1 }, bounds)).toMatch(/key is longer/)
  })

  it('refuses NaN, infinities and numbers past the bound', () => {
    expect(jsonBoundsProblem({ x: Number.NaN }, bounds)).toMatch(/not finite/)
    expect(jsonBoundsProblem({ x: [Number.POSITIVE_INFINITY] }, bounds)).toMatch(/not finite/)
    expect(jsonBoundsProblem({ x: 1e300 }, bounds)).toMatch(/beyond/)
    expect(jsonBoundsProblem({ x: -1e9 }, bounds)).toBeNull()
  })

  it('refuses what is not plain JSON', () => {
    expect(jsonBoundsProblem({ x: undefined }, bounds)).toMatch(/not plain JSON/)
    expect(jsonBoundsProblem({ x: 10n }, bounds)).toMatch(/not plain JSON/)
    expect(jsonBoundsProblem({ x: new Uint8Array(2) }, bounds)).toMatch(/not plain JSON/)
  })
})
