import { SESSION_STATE_KEY, type SessionState } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parseSessionState, readSessionState, SESSION_MAP } from './readSessionState'

const state: SessionState = {
  phaseIndex: 1,
  running: true,
  startedAt: 1_700_000_000_000,
  accumulatedMs: 5_000,
  phaseStartedAtMs: [0, 4_000],
  revealedHints: ['Follow one message end to end.'],
  endedAt: null,
  clockRuns: [
    { startedAt: 1_699_999_990_000, stoppedAt: 1_699_999_995_000 },
    { startedAt: 1_700_000_000_000, stoppedAt: null },
  ],
}

describe('readSessionState', () => {
  it('reads the state the server wrote as a plain value', () => {
    const doc = new Y.Doc()
    doc.getMap(SESSION_MAP).set(SESSION_STATE_KEY, state)
    expect(readSessionState(doc)).toEqual(state)
  })

  it('reads a state written as a nested map', () => {
    const doc = new Y.Doc()
    const nested = new Y.Map<unknown>()
    doc.getMap(SESSION_MAP).set(SESSION_STATE_KEY, nested)
    for (const [key, value] of Object.entries(state)) nested.set(key, value)
    expect(readSessionState(doc)).toEqual(state)
  })

  it('is null before the server has written a state', () => {
    expect(readSessionState(new Y.Doc())).toBeNull()
  })
})

describe('parseSessionState', () => {
  it('accepts a paused state', () => {
    expect(parseSessionState({ ...state, running: false, startedAt: null })).not.toBeNull()
  })

  it('reads a state written before the clock kept its runs as having none', () => {
    const { clockRuns: _runs, ...older } = state
    expect(parseSessionState(older)?.clockRuns).toEqual([])
  })

  it.each([
    ['a missing field', { ...state, phaseIndex: undefined }],
    ['a string clock', { ...state, accumulatedMs: '5000' }],
    ['a hint that is not text', { ...state, revealedHints: [3] }],
    ['a phase start that is not a number', { ...state, phaseStartedAtMs: [0, null] }],
    ['a run without a start', { ...state, clockRuns: [{ stoppedAt: null }] }],
    ['runs that are not a list', { ...state, clockRuns: 'runs' }],
    ['not an object', 'state'],
  ])('refuses %s', (_name, value) => {
    expect(parseSessionState(value)).toBeNull()
  })
})
