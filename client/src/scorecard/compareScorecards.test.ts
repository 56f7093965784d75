import type { Scorecard } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { compareScorecards } from './compareScorecards'

const card = (author: string, overrides: Partial<Scorecard> = {}): Scorecard => ({
  author,
  scores: {},
  overall: null,
  level: null,
  summary: '',
  updatedAt: 1,
  submittedAt: 2,
  ...overrides,
})

describe('compareScorecards', () => {
  it('puts my scorecard first, then the others by name, submitted ones only', () => {
    const comparison = compareScorecards(
      card('Ivy'),
      [card('Zoe'), card('Ian'), card('Ann', { submittedAt: null })],
      [],
    )
    expect(comparison.columns.map((c) => [c.author, c.isMe])).toEqual([
      ['Ivy', true],
      ['Ian', false],
      ['Zoe', false],
    ])
  })

  it('leaves my draft out', () => {
    expect(compareScorecards(card('Ivy', { submittedAt: null }), [card('Ian')], []).columns).toHaveLength(1)
  })

  it('flags scores two or more points apart, on both sides', () => {
    const comparison = compareScorecards(
      card('Ivy', { scores: { caching: 1, scalability: 3, estimation: null }, overall: 2 }),
      [
        card('Ian', { scores: { caching: 3, scalability: 4, estimation: 1 }, overall: 4 }),
        card('Zoe', { scores: { caching: 2 } }),
      ],
      ['caching'],
    )
    const row = (key: string) => comparison.rows.find((r) => r.key === key)
    expect(row('caching')?.cells.map((c) => c.disagreement)).toEqual([true, true, false])
    expect(row('caching')?.weighed).toBe(true)
    expect(row('scalability')?.cells.some((c) => c.disagreement)).toBe(false)
    // "No evidence" (null) disagrees with nothing.
    expect(row('estimation')?.cells.map((c) => c.value)).toEqual([null, 1, undefined])
    expect(row('estimation')?.cells.some((c) => c.disagreement)).toBe(false)
    expect(row('overall')?.cells.map((c) => c.disagreement)).toEqual([true, true, false])
    expect(comparison.disagreementCount).toBe(2)
  })

  it('flags levels two steps apart (mid against staff)', () => {
    const comparison = compareScorecards(
      card('Ivy', { level: 'mid' }),
      [card('Ian', { level: 'staff' }), card('Zoe', { level: 'senior' })],
      [],
    )
    expect(comparison.levels.map((c) => c.disagreement)).toEqual([true, true, false])
  })
})
