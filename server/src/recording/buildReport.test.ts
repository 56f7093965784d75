import type { Note, Prompt, SessionEvent } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import type { StoredSession } from '../sessions/SessionRepository'
import { initialSessionState } from '../sessions/sessionState'
import { buildReport } from './buildReport'
import { renderReportMarkdown } from './renderReportMarkdown'

const prompt = {
  id: 'p',
  title: 'Prompt',
  summary: 'A prompt for a test',
  brief: 'Brief',
  weighs: ['caching'],
  levelExpectations: { mid: 'm', senior: 's', staff: 't' },
  phases: [
    { name: 'Scope', minutes: 5, goal: 'g' },
    { name: 'Design', minutes: 40, goal: 'g' },
  ],
} as unknown as Prompt

const session: StoredSession = {
  id: 'session-1',
  title: 'Round',
  createdAt: 1_000_000,
  prompt,
  participants: [],
  state: initialSessionState(),
}

const event = (at: number, kind: SessionEvent['kind'], detail: string): SessionEvent => ({
  at,
  kind,
  role: 'interviewer',
  name: 'Ivy',
  detail,
})

const note = (id: string, at: number, text: string): Note => ({
  id,
  at,
  author: 'Ivy',
  dimension: 'caching',
  signal: '+',
  text,
  shapeIds: [],
})

// Start 72 s after creation; pause from 100 s to 130 s; Design from 160 s; end at 200 s.
const events = [
  event(72_000, 'start', 'clock started'),
  event(100_000, 'pause', 'clock paused'),
  event(130_000, 'start', 'clock started'),
  event(160_000, 'phase', 'Design'),
  event(200_000, 'end', 'round ended'),
]
const notes = [note('n2', 172_000, 'after the pause'), note('n1', 30_000, 'while waiting')]
const scorecards = { mine: null, others: [], pending: [], othersVisible: false }

describe('buildReport', () => {
  it('reads every note, event and phase on the round clock, keeping `at` as stored', () => {
    const report = buildReport(session, notes, events, scorecards, 200_000)
    expect(report.clockRuns).toEqual([
      { startedAt: 72_000, stoppedAt: 100_000 },
      { startedAt: 130_000, stoppedAt: 200_000 },
    ])
    expect(report.notes.map((n) => [n.id, n.at, n.clockMs])).toEqual([
      ['n1', 30_000, null],
      ['n2', 172_000, 70_000],
    ])
    expect(report.phases.map((p) => [p.name, p.startedAt, p.clockMs])).toEqual([
      ['Scope', 72_000, 0],
      ['Design', 160_000, 58_000],
    ])
    expect(report.events.at(-1)).toMatchObject({ kind: 'end', at: 200_000, clockMs: 98_000 })
  })
})

describe('renderReportMarkdown', () => {
  it("shows times on the round's clock, and before start as such", () => {
    const markdown = renderReportMarkdown(buildReport(session, notes, events, scorecards, 200_000))
    expect(markdown).toContain(
      '| before start | Ivy | Caching and data access | strength | while waiting | 0 |',
    )
    expect(markdown).toContain('| 01:10 | Ivy | Caching and data access | strength | after the pause | 0 |')
    expect(markdown).toContain('| Design | 40 min | 00:58 |')
    expect(markdown).toContain('- 01:38 round ended')
  })
})
