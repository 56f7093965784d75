import type { SessionState } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { formatClock, msUntilNextSecond, phaseElapsedMs, readSessionClock } from './clock'
import { createServerClock, offsetFromSample } from './serverClock'

const paused: SessionState = {
  phaseIndex: 0,
  running: false,
  startedAt: null,
  accumulatedMs: 0,
  phaseStartedAtMs: [0],
  revealedHints: [],
  endedAt: null,
  clockRuns: [],
}

describe('formatClock', () => {
  it('shows minutes and seconds, rounded down', () => {
    expect(formatClock(0)).toBe('00:00')
    expect(formatClock(59_999)).toBe('00:59')
    expect(formatClock(61_000)).toBe('01:01')
    expect(formatClock(75 * 60_000 + 2_000)).toBe('75:02')
  })

  it('never shows a negative time', () => {
    expect(formatClock(-5_000)).toBe('00:00')
  })
})

describe('readSessionClock', () => {
  it('adds the running time since the start to the accumulated time', () => {
    const state: SessionState = {
      ...paused,
      running: true,
      startedAt: 1_000_000,
      accumulatedMs: 30_000,
      phaseIndex: 1,
      phaseStartedAtMs: [0, 20_000],
    }
    expect(readSessionClock(state, 1_010_000)).toEqual({ elapsedMs: 40_000, phaseElapsedMs: 20_000 })
  })

  it('stands still while paused', () => {
    const state = { ...paused, accumulatedMs: 12_345 }
    expect(readSessionClock(state, 1).elapsedMs).toBe(12_345)
    expect(readSessionClock(state, 9_999_999).elapsedMs).toBe(12_345)
  })
})

describe('phaseElapsedMs', () => {
  it('counts from the phase start, or from zero when the start is unknown', () => {
    expect(phaseElapsedMs({ ...paused, phaseIndex: 2, phaseStartedAtMs: [0, 10, 100] }, 150)).toBe(50)
    expect(phaseElapsedMs({ ...paused, phaseIndex: 3, phaseStartedAtMs: [0] }, 150)).toBe(150)
  })
})

describe('msUntilNextSecond', () => {
  it('waits until just after the next whole second', () => {
    expect(msUntilNextSecond(12_300)).toBe(705)
    expect(msUntilNextSecond(12_000)).toBe(1005)
  })
})

describe('server clock', () => {
  it('assumes the answer was made halfway through the round trip', () => {
    expect(offsetFromSample({ serverNow: 10_000, sentAt: 1_000, receivedAt: 1_200 })).toBe(8_900)
  })

  it('trusts the sample with the shortest round trip', () => {
    let local = 5_000
    const clock = createServerClock(() => local)
    expect(clock.now()).toBe(5_000)
    clock.addSample({ serverNow: 10_000, sentAt: 1_000, receivedAt: 3_000 })
    expect(clock.offsetMs()).toBe(8_000)
    clock.addSample({ serverNow: 10_050, sentAt: 1_100, receivedAt: 1_140 })
    expect(clock.offsetMs()).toBe(8_930)
    clock.addSample({ serverNow: 20_000, sentAt: 4_000, receivedAt: 9_000 })
    expect(clock.offsetMs()).toBe(8_930)
    local = 6_000
    expect(clock.now()).toBe(14_930)
  })

  it('forgets old samples, so it follows a changed local clock', () => {
    const clock = createServerClock(() => 0)
    clock.addSample({ serverNow: 100, sentAt: 0, receivedAt: 0 })
    for (let i = 0; i < 8; i++) clock.addSample({ serverNow: 1_000, sentAt: 0, receivedAt: 10 })
    expect(clock.offsetMs()).toBe(995)
  })

  it('ignores a sample whose answer came before its request', () => {
    const clock = createServerClock(() => 0)
    clock.addSample({ serverNow: 100, sentAt: 50, receivedAt: 10 })
    expect(clock.offsetMs()).toBe(0)
  })
})
