import { describe, expect, it } from 'vitest'
import { draftFrom, draftGaps, EMPTY_SCORECARD } from './scorecardDraft'

describe('draftFrom', () => {
  it('keeps the body of a scorecard and drops what the server adds', () => {
    expect(
      draftFrom({
        author: 'Ivy',
        scores: { caching: 4 },
        overall: 3,
        level: 'senior',
        summary: 's',
        updatedAt: 1,
        submittedAt: null,
      }),
    ).toEqual({ scores: { caching: 4 }, overall: 3, level: 'senior', summary: 's' })
    expect(draftFrom(null)).toEqual(EMPTY_SCORECARD)
  })
})

describe('draftGaps', () => {
  it('lists unscored dimensions; "no evidence" counts as scored', () => {
    const gaps = draftGaps({ ...EMPTY_SCORECARD, scores: { caching: 3, estimation: null } })
    expect(gaps.unscored).not.toContain('caching')
    expect(gaps.unscored).not.toContain('estimation')
    expect(gaps.unscored).toHaveLength(6)
    expect(gaps).toMatchObject({ overall: true, level: true, summary: true })
  })
})
