import { describe, expect, it } from 'vitest'
import { asDimensionId, orderedDimensions, rubricDimensions } from './dimensions'

describe('orderedDimensions', () => {
  it('puts the weighed dimensions first, each group in rubric order', () => {
    const ids = orderedDimensions(['tradeoffs', 'caching', 'unknown']).map((d) => [d.id, d.weighed])
    expect(ids).toEqual([
      ['caching', true],
      ['tradeoffs', true],
      ['requirements', false],
      ['estimation', false],
      ['api-and-data', false],
      ['scalability', false],
      ['failure-modes', false],
      ['communication', false],
    ])
  })

  it('gives every dimension its own colour', () => {
    const colors = rubricDimensions([]).map((d) => d.color)
    expect(new Set(colors).size).toBe(colors.length)
  })
})

describe('asDimensionId', () => {
  it('narrows known ids only', () => {
    expect(asDimensionId('caching')).toBe('caching')
    expect(asDimensionId('cache')).toBeNull()
  })
})
