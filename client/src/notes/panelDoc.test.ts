import type { Note } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { deleteNote, markAsked, putNote, readAsked, readNotes, unmarkAsked } from './panelDoc'

const note = (id: string, author: string, at = 1_000): Note => ({
  id,
  at,
  author,
  dimension: 'caching',
  signal: '+',
  text: `note ${id}`,
  shapeIds: [],
})

/** Two docs kept in step, as two interviewers' browsers are through the server. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update))
  b.on('update', (update: Uint8Array) => Y.applyUpdate(a, update))
  return [a, b]
}

describe('panel notes', () => {
  it('lists valid notes oldest first and skips broken ones', () => {
    const doc = new Y.Doc()
    putNote(doc, note('n2', 'Ivy', 2_000), 'Ivy')
    putNote(doc, note('n1', 'Ivy', 1_000), 'Ivy')
    doc.getMap('notes').set('bad', { id: 'bad', text: 'no schema' })
    expect(readNotes(doc).map((n) => n.id)).toEqual(['n1', 'n2'])
  })

  it('reach the other interviewer; each edits and deletes only their own', () => {
    const [ivy, ian] = pair()
    putNote(ivy, note('a', 'Ivy'), 'Ivy')
    putNote(ian, note('b', 'Ian'), 'Ian')
    expect(readNotes(ivy).map((n) => n.id)).toEqual(['a', 'b'])
    expect(readNotes(ian).map((n) => n.id)).toEqual(['a', 'b'])

    expect(() => putNote(ivy, { ...note('b', 'Ivy'), text: 'hijack' }, 'Ivy')).toThrow(/only its author/)
    expect(() => putNote(ivy, note('c', 'Ian'), 'Ivy')).toThrow(/own name/)
    expect(deleteNote(ivy, 'b', 'Ivy')).toBe(false)
    expect(readNotes(ian).find((n) => n.id === 'b')?.text).toBe('note b')

    putNote(ivy, { ...note('a', 'Ivy'), text: 'edited' }, 'Ivy')
    expect(readNotes(ian).find((n) => n.id === 'a')?.text).toBe('edited')
    expect(deleteNote(ivy, 'a', 'Ivy')).toBe(true)
    expect(readNotes(ian).map((n) => n.id)).toEqual(['b'])
  })

  it('refuses a note that breaks the schema before it is written', () => {
    const doc = new Y.Doc()
    expect(() => putNote(doc, { ...note('x', 'Ivy'), at: -1 }, 'Ivy')).toThrow()
    expect(doc.getMap('notes').size).toBe(0)
  })
})

describe('asked follow-ups', () => {
  it('are ticked in one’s own name and unticked only by whoever ticked them', () => {
    const [ivy, ian] = pair()
    expect(markAsked(ivy, 2, { by: 'Ivy', at: 90_000 })).toBe(true)
    expect(readAsked(ian).get(2)).toEqual({ by: 'Ivy', at: 90_000 })
    expect(markAsked(ian, 2, { by: 'Ian', at: 95_000 })).toBe(false)
    expect(unmarkAsked(ian, 2, 'Ian')).toBe(false)
    expect(readAsked(ivy).get(2)?.by).toBe('Ivy')
    expect(unmarkAsked(ivy, 2, 'Ivy')).toBe(true)
    expect(readAsked(ian).size).toBe(0)
  })

  it('keys marks by the follow-up index as text', () => {
    const doc = new Y.Doc()
    markAsked(doc, 10, { by: 'Ivy', at: 1 })
    expect([...doc.getMap('asked').keys()]).toEqual(['10'])
    expect(() => markAsked(doc, -1, { by: 'Ivy', at: 1 })).toThrow()
  })
})
