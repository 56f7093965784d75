import { describe, expect, it } from 'vitest'
import { boardFileName, reportFileName, sessionFileName } from './fileNames'

describe('file names', () => {
  it('name the session and what was exported', () => {
    expect(reportFileName('abc123', 'md')).toBe('tradeoff-abc123-report.md')
    expect(reportFileName('abc123', 'json')).toBe('tradeoff-abc123-report.json')
    expect(sessionFileName('abc123')).toBe('tradeoff-abc123.json')
  })

  it('stamp a board export with its time on the recording', () => {
    expect(boardFileName('abc', 12 * 60_000 + 5_400, 'svg')).toBe('tradeoff-abc-board-12m05s.svg')
    expect(boardFileName('abc', 0, 'png')).toBe('tradeoff-abc-board-00m00s.png')
  })

  it('keep odd characters out of file names', () => {
    expect(sessionFileName('../x y')).toBe('tradeoff-___x_y.json')
  })
})
