import type { Note, ReportPhase, SessionEvent } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { currentNoteId, eventTicks, phaseBands, sortNotes, stackMarkers, timelineFraction } from './timeline'

const note = (id: string, at: number): Note => ({
  id,
  at,
  author: 'Ivy',
  dimension: 'caching',
  signal: '+',
  text: '',
  shapeIds: [],
})

describe('timelineFraction', () => {
  it('places a moment between 0 and 1', () => {
    expect(timelineFraction(250, 1000)).toBe(0.25)
    expect(timelineFraction(-5, 1000)).toBe(0)
    expect(timelineFraction(2000, 1000)).toBe(1)
    expect(timelineFraction(5, 0)).toBe(0)
  })
})

describe('phaseBands', () => {
  it('runs each started phase until the next one starts, the last until the end', () => {
    const phases: ReportPhase[] = [
      { name: 'Scope', minutes: 5, startedAt: 100, clockMs: 0 },
      { name: 'Design', minutes: 20, startedAt: 4000, clockMs: 3900 },
      { name: 'Deep dives', minutes: 15, startedAt: null, clockMs: null },
      { name: 'Wrap-up', minutes: 5, startedAt: 9000, clockMs: 8000 },
    ]
    expect(phaseBands(phases, 10_000)).toEqual([
      { name: 'Scope', clockMs: 0, index: 0, start: 100, end: 4000 },
      { name: 'Design', clockMs: 3900, index: 1, start: 4000, end: 9000 },
      { name: 'Wrap-up', clockMs: 8000, index: 3, start: 9000, end: 10_000 },
    ])
  })

  it('is empty when the clock never started', () => {
    expect(phaseBands([{ name: 'Scope', startedAt: null }], 1000)).toEqual([])
  })
})

describe('eventTicks', () => {
  it('keeps joins, leaves, hints and clock changes, in time order, with their round-clock time', () => {
    const events: SessionEvent[] = [
      { at: 50, kind: 'leave', role: 'candidate', name: 'Cam', detail: 'Cam left' },
      { at: 10, kind: 'join', role: 'candidate', name: 'Cam', detail: 'Cam joined' },
      { at: 20, kind: 'start', role: 'interviewer', name: 'Ivy', detail: 'clock started' },
      { at: 25, kind: 'phase', role: 'interviewer', name: 'Ivy', detail: 'Design' },
      { at: 30, kind: 'hint', role: 'interviewer', name: 'Ivy', detail: 'hint 1' },
      { at: 60, kind: 'end', role: 'interviewer', name: 'Ivy', detail: 'round ended' },
    ]
    expect(eventTicks(events.map((e) => ({ ...e, clockMs: e.at >= 20 ? e.at - 20 : null })))).toEqual([
      { at: 10, clockMs: null, kind: 'join', label: 'Cam joined' },
      { at: 20, clockMs: 0, kind: 'start', label: 'Clock started by Ivy' },
      { at: 30, clockMs: 10, kind: 'hint', label: 'Hint revealed: hint 1' },
      { at: 50, clockMs: 30, kind: 'leave', label: 'Cam left' },
      { at: 60, clockMs: 40, kind: 'end', label: 'Round ended by Ivy' },
    ])
  })
})

describe('stackMarkers', () => {
  it('puts markers that would cover each other on separate rows, and reuses rows once free', () => {
    // A 1000 px track for 1000 ms: 1 px per ms; markers 18 px wide.
    expect(stackMarkers([100, 105, 110, 200, 300], 1000, 1000, 18)).toEqual([0, 1, 2, 0, 0])
  })

  it('keeps to the most rows allowed, putting the rest where a row frees up first', () => {
    expect(stackMarkers([100, 101, 102, 103], 1000, 1000, 18, 2)).toEqual([0, 1, 0, 1])
  })

  it('keeps markers far apart on the first row', () => {
    expect(stackMarkers([0, 500, 1000], 1000, 400, 18)).toEqual([0, 0, 0])
  })
})

describe('currentNoteId', () => {
  const notes = sortNotes([note('c', 300), note('a', 100), note('b', 200), note('b2', 200)])

  it('is the latest note at or before the time', () => {
    expect(currentNoteId(notes, 99)).toBeNull()
    expect(currentNoteId(notes, 100)).toBe('a')
    expect(currentNoteId(notes, 250)).toBe('b2')
    expect(currentNoteId(notes, 5000)).toBe('c')
    expect(currentNoteId([], 5000)).toBeNull()
  })

  it('sorts notes by time, then id', () => {
    expect(notes.map((n) => n.id)).toEqual(['a', 'b', 'b2', 'c'])
  })
})
