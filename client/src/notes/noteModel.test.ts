import type { Note } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { composeNote, linkableShapeIds, newNoteId, noteAtMs, notesOn, reviseNote } from './noteModel'

const stamp = { id: 'note:1', author: 'Ivy', at: 61_000 }

describe('composeNote', () => {
  it('stamps the note and links the selected shapes', () => {
    const result = composeNote(
      {
        input: 'queue has no retry #fail -',
        chosenDimension: null,
        chosenSignal: '',
        shapeIds: ['shape:a', 'shape:b'],
      },
      stamp,
    )
    expect(result).toEqual({
      ok: true,
      note: {
        id: 'note:1',
        at: 61_000,
        author: 'Ivy',
        dimension: 'failure-modes',
        signal: '-',
        text: 'queue has no retry',
        shapeIds: ['shape:a', 'shape:b'],
      },
    })
  })

  it('uses the chosen chip and button when nothing is typed for them', () => {
    const result = composeNote(
      { input: 'sized the gateways', chosenDimension: 'estimation', chosenSignal: '+', shapeIds: [] },
      stamp,
    )
    expect(result).toMatchObject({
      ok: true,
      note: { dimension: 'estimation', signal: '+', text: 'sized the gateways' },
    })
  })

  it('lets a typed tag and signal win over the chip and the button', () => {
    const result = composeNote(
      {
        input: '? consistency of reads #cache',
        chosenDimension: 'estimation',
        chosenSignal: '+',
        shapeIds: [],
      },
      stamp,
    )
    expect(result).toMatchObject({ ok: true, note: { dimension: 'caching', signal: '?' } })
  })

  it('refuses an empty box and a note without a dimension', () => {
    expect(
      composeNote({ input: '  ', chosenDimension: 'caching', chosenSignal: '', shapeIds: [] }, stamp),
    ).toMatchObject({
      ok: false,
      problem: 'empty',
    })
    expect(
      composeNote({ input: 'hm', chosenDimension: null, chosenSignal: '', shapeIds: [] }, stamp),
    ).toMatchObject({
      ok: false,
      problem: 'no-dimension',
    })
  })

  it('refuses what the server would refuse instead of sending it', () => {
    const result = composeNote(
      { input: 'x', chosenDimension: 'caching', chosenSignal: '', shapeIds: [] },
      { ...stamp, author: '' },
    )
    expect(result).toMatchObject({ ok: false, problem: 'invalid' })
  })

  it('cuts text to the schema’s 4000 characters', () => {
    const result = composeNote(
      { input: 'a'.repeat(5000), chosenDimension: 'caching', chosenSignal: '', shapeIds: [] },
      stamp,
    )
    expect(result.ok && result.note.text.length).toBe(4000)
  })
})

describe('reviseNote', () => {
  const note: Note = {
    id: 'note:1',
    at: 5_000,
    author: 'Ivy',
    dimension: 'caching',
    signal: '+',
    text: 'old',
    shapeIds: ['shape:a'],
  }

  it('keeps dimension and signal unless new ones are typed', () => {
    expect(reviseNote(note, 'new text')).toEqual({ ok: true, note: { ...note, text: 'new text' } })
    expect(reviseNote(note, 'new text #scale -')).toEqual({
      ok: true,
      note: { ...note, text: 'new text', dimension: 'scalability', signal: '-' },
    })
  })

  it('refuses an empty edit', () => {
    expect(reviseNote(note, '   ')).toMatchObject({ ok: false, problem: 'empty' })
  })
})

describe('noteAtMs', () => {
  it('is the time since the session was created, never negative nor past a week', () => {
    expect(noteAtMs(1_000_061_400, 1_000_000_000)).toBe(61_400)
    expect(noteAtMs(999, 1_000)).toBe(0)
    expect(noteAtMs(400 * 24 * 3600 * 1000, 0)).toBe(366 * 24 * 3600 * 1000)
  })
})

describe('linkableShapeIds', () => {
  it('keeps well-formed shape ids once each, at most 100', () => {
    expect(linkableShapeIds(['shape:a', 'page:x', 'shape:a', 'shape:b c'])).toEqual(['shape:a'])
    const many = Array.from({ length: 150 }, (_, i) => `shape:s${i}`)
    expect(linkableShapeIds(many)).toHaveLength(100)
  })
})

describe('newNoteId', () => {
  it('fits the schema’s id pattern', () => {
    expect(newNoteId()).toMatch(/^[A-Za-z0-9_:-]{1,64}$/)
    expect(newNoteId(() => 'abc')).toBe('note:abc')
  })
})

describe('notesOn', () => {
  it('lists a dimension’s notes oldest first', () => {
    const make = (id: string, at: number, dimension: Note['dimension']): Note => ({
      id,
      at,
      author: 'Ivy',
      dimension,
      signal: '',
      text: id,
      shapeIds: [],
    })
    const notes = [make('b', 20, 'caching'), make('a', 10, 'scalability'), make('c', 5, 'caching')]
    expect(notesOn(notes, 'caching').map((n) => n.id)).toEqual(['c', 'b'])
  })
})
