import { describe, expect, it } from 'vitest'
import type { SessionEvent } from './events'
import {
  type ClockRun,
  clockRunsFromEvents,
  formatRoundClock,
  MAX_CLOCK_RUNS,
  roundClockAt,
  startClockRun,
  stopClockRun,
} from './roundClock'

// Started 72 s after creation, paused at 100 s, resumed at 130 s, still running.
const runs: ClockRun[] = [
  { startedAt: 72_000, stoppedAt: 100_000 },
  { startedAt: 130_000, stoppedAt: null },
]

describe('roundClockAt', () => {
  it('is null before the first start and for a clock never started', () => {
    expect(roundClockAt(0, runs)).toBeNull()
    expect(roundClockAt(71_999, runs)).toBeNull()
    expect(roundClockAt(5_000, [])).toBeNull()
  })

  it('counts only the time the clock ran', () => {
    expect(roundClockAt(72_000, runs)).toBe(0)
    expect(roundClockAt(100_000, runs)).toBe(28_000)
    expect(roundClockAt(115_000, runs)).toBe(28_000)
    expect(roundClockAt(130_000, runs)).toBe(28_000)
    expect(roundClockAt(172_000, runs)).toBe(70_000)
  })

  it('reads 01:40 for a note stamped 02:52 after creation when Start came 72 s in', () => {
    expect(formatRoundClock(roundClockAt(172_000, [{ startedAt: 72_000, stoppedAt: null }]))).toBe('01:40')
  })

  it('stays where the clock stopped for good', () => {
    const ended = [{ startedAt: 0, stoppedAt: 60_000 }]
    expect(roundClockAt(60_000, ended)).toBe(60_000)
    expect(roundClockAt(3_600_000, ended)).toBe(60_000)
  })
})

describe('startClockRun and stopClockRun', () => {
  it('open and close runs, ignoring a start while running and a stop while stopped', () => {
    let list = startClockRun([], 10)
    expect(startClockRun(list, 20)).toEqual(list)
    list = stopClockRun(list, 30)
    expect(stopClockRun(list, 40)).toEqual(list)
    list = startClockRun(list, 50)
    expect(list).toEqual([
      { startedAt: 10, stoppedAt: 30 },
      { startedAt: 50, stoppedAt: null },
    ])
  })

  it('keeps at most MAX_CLOCK_RUNS runs and the total time on the clock exact', () => {
    let list: ClockRun[] = []
    for (let i = 0; i < MAX_CLOCK_RUNS + 5; i++) {
      list = startClockRun(list, i * 100)
      list = stopClockRun(list, i * 100 + 40)
    }
    list = startClockRun(list, 1_000_000)
    expect(list).toHaveLength(MAX_CLOCK_RUNS)
    expect(roundClockAt(1_000_010, list)).toBe((MAX_CLOCK_RUNS + 5) * 40 + 10)
    // The latest runs are untouched: a moment in them reads exactly.
    expect(roundClockAt((MAX_CLOCK_RUNS + 4) * 100 + 20, list)).toBe((MAX_CLOCK_RUNS + 4) * 40 + 20)
  })
})

describe('clockRunsFromEvents', () => {
  const event = (at: number, kind: SessionEvent['kind']): SessionEvent => ({
    at,
    kind,
    role: 'interviewer',
    name: 'Ivy',
    detail: kind,
  })

  it('reads the runs from start, pause and end, whatever else happened', () => {
    const events = [
      event(5_000, 'join'),
      event(72_000, 'start'),
      event(90_000, 'phase'),
      event(100_000, 'pause'),
      event(130_000, 'start'),
      event(200_000, 'end'),
      event(210_000, 'scorecard'),
    ]
    expect(clockRunsFromEvents(events)).toEqual([
      { startedAt: 72_000, stoppedAt: 100_000 },
      { startedAt: 130_000, stoppedAt: 200_000 },
    ])
  })
})

describe('formatRoundClock', () => {
  it('shows mm:ss, minutes past 59, and "before start" for null', () => {
    expect(formatRoundClock(null)).toBe('before start')
    expect(formatRoundClock(0)).toBe('00:00')
    expect(formatRoundClock(100_999)).toBe('01:40')
    expect(formatRoundClock(75 * 60_000 + 2_000)).toBe('75:02')
  })
})
