import type { Note, ReportPhase, SessionEvent } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { currentNoteId, eventTicks, phaseBands, sortNotes, timelineFraction } from './timeline'

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
      { name: 'Scope', minutes: 5, startedAt: 100 },
      { name: 'Design', minutes: 20, startedAt: 4000 },
      { name: 'Deep dives', minutes: 15, startedAt: null },
      { name: 'Wrap-up', minutes: 5, startedAt: 9000 },
    ]
    expect(phaseBands(phases, 10_000)).toEqual([
      { name: 'Scope', index: 0, start: 100, end: 4000 },
      { name: 'Design', index: 1, start: 4000, end: 9000 },
      { name: 'Wrap-up', index: 3, start: 9000, end: 10_000 },
    ])
  })

  it('is empty when the clock never started', () => {
    expect(phaseBands([{ name: 'Scope', minutes: 5, startedAt: null }], 1000)).toEqual([])
  })
})

describe('eventTicks', () => {
  it('keeps joins, leaves and hints, in time order', () => {
    const events: SessionEvent[] = [
      { at: 50, kind: 'leave', role: 'candidate', name: 'Cam', detail: 'Cam left' },
      { at: 10, kind: 'join', role: 'candidate', name: 'Cam', detail: 'Cam joined' },
      { at: 20, kind: 'start', role: 'interviewer', name: 'Ivy', detail: 'clock started' },
      { at: 30, kind: 'hint', role: 'interviewer', name: 'Ivy', detail: 'hint 1' },
    ]
    expect(eventTicks(events)).toEqual([
      { at: 10, kind: 'join', label: 'Cam joined' },
      { at: 30, kind: 'hint', label: 'Hint revealed: hint 1' },
      { at: 50, kind: 'leave', label: 'Cam left' },
    ])
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
