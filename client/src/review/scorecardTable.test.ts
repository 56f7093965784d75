import { RUBRIC_DIMENSIONS, type Scorecard } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { scorecardTable } from './scorecardTable'

function card(author: string, overrides: Partial<Scorecard> = {}): Scorecard {
  return {
    author,
    scores: {},
    overall: null,
    level: null,
    summary: '',
    updatedAt: 1,
    submittedAt: 2,
    ...overrides,
  }
}

describe('scorecardTable', () => {
  it('shows every dimension in the rubric order, one column per author by name', () => {
    const table = scorecardTable(
      [card('Ivy', { scores: { caching: 3 } }), card('Ian', { scores: { caching: 2, estimation: null } })],
      ['caching'],
    )
    expect(table.authors).toEqual(['Ian', 'Ivy'])
    expect(table.dimensions.map((row) => row.dimension)).toEqual(RUBRIC_DIMENSIONS.map((d) => d.id))
    const caching = table.dimensions.find((row) => row.dimension === 'caching')
    expect(caching).toMatchObject({ values: [2, 3], weighed: true, disagreement: false })
    expect(table.dimensions.find((row) => row.dimension === 'estimation')?.values).toEqual([null, undefined])
  })

  it('flags dimensions two points apart between any two authors, as the shared rule does', () => {
    const table = scorecardTable(
      [
        card('A', { scores: { caching: 1, scalability: 3 } }),
        card('B', { scores: { caching: 2, scalability: 4 } }),
        card('C', { scores: { caching: 3, scalability: null } }),
      ],
      [],
    )
    const flagged = table.dimensions.filter((row) => row.disagreement).map((row) => row.dimension)
    expect(flagged).toEqual(['caching'])
  })

  it('flags the overall recommendation and levels two apart', () => {
    const near = scorecardTable(
      [card('A', { overall: 3, level: 'mid' }), card('B', { overall: 4, level: 'senior' })],
      [],
    )
    expect([near.overall.disagreement, near.level.disagreement]).toEqual([false, false])
    const far = scorecardTable(
      [card('A', { overall: 2, level: 'mid' }), card('B', { overall: 4, level: 'staff' })],
      [],
    )
    expect([far.overall.disagreement, far.level.disagreement]).toEqual([true, true])
  })

  it('leaves out drafts', () => {
    expect(scorecardTable([card('A', { submittedAt: null }), card('B')], []).authors).toEqual(['B'])
  })
})
