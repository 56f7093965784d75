import { describe, expect, it } from 'vitest'
import { dimensionLabel, groupFollowUps } from './followUps'

describe('groupFollowUps', () => {
  it('groups by dimension in rubric order and marks the weighed ones', () => {
    const groups = groupFollowUps(
      [
        { dimension: 'caching', question: 'c1' },
        { dimension: 'requirements', question: 'r1' },
        { dimension: 'caching', question: 'c2', lookFor: 'TTLs' },
        { dimension: 'mystery', question: 'm1' },
      ],
      ['caching'],
    )
    expect(groups.map((g) => [g.dimension, g.weighed, g.followUps.map((f) => f.question)])).toEqual([
      ['requirements', false, ['r1']],
      ['caching', true, ['c1', 'c2']],
      ['mystery', false, ['m1']],
    ])
    expect(groups[1]?.label).toBe('Caching and data access')
  })
})

describe('dimensionLabel', () => {
  it('falls back to the id', () => {
    expect(dimensionLabel('failure-modes')).toBe('Failure modes and reliability')
    expect(dimensionLabel('other')).toBe('other')
  })
})
