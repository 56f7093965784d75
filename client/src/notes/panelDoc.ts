import {
  type AskedMark,
  askedKeySchema,
  askedMarkSchema,
  type Note,
  noteSchema,
  PANEL_MAPS,
} from '@tradeoff/shared'
import type * as Y from 'yjs'
import { compareNotes } from './noteModel'

/**
 * Reads and writes the panel document (README, "Panel document layout"). Every write is
 * checked here against the rules the server enforces (schema, own name, own entries only),
 * because the server answers a refused write by closing the panel connection for good (4400)
 * and the refused update would stay in this browser's offline copy.
 */

/** The valid notes of the panel, oldest first. Entries that break the schema are skipped. */
export function readNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = []
  for (const value of doc.getMap(PANEL_MAPS.notes).values()) {
    const parsed = noteSchema.safeParse(value)
    if (parsed.success) notes.push(parsed.data)
  }
  return notes.sort(compareNotes)
}

/** Writes a new note or an edit of one's own note. Throws when the server would refuse it. */
export function putNote(doc: Y.Doc, note: Note, me: string): void {
  if (note.author !== me) throw new Error('a note is written in its author’s own name only')
  const notes = doc.getMap(PANEL_MAPS.notes)
  const existing = notes.get(note.id) as { author?: unknown } | undefined
  if (existing !== undefined && existing.author !== me) throw new Error('only its author edits a note')
  notes.set(note.id, noteSchema.parse(note))
}

/** Deletes one of one's own notes; another's note, or a missing one, is left alone. */
export function deleteNote(doc: Y.Doc, id: string, me: string): boolean {
  const notes = doc.getMap(PANEL_MAPS.notes)
  const existing = notes.get(id) as { author?: unknown } | undefined
  if (existing?.author !== me) return false
  notes.delete(id)
  return true
}

/** The follow-up questions ticked as asked, by their index in the prompt's `followUps`. */
export function readAsked(doc: Y.Doc): Map<number, AskedMark> {
  const asked = new Map<number, AskedMark>()
  for (const [key, value] of doc.getMap(PANEL_MAPS.asked).entries()) {
    const parsed = askedMarkSchema.safeParse(value)
    if (parsed.success && askedKeySchema.safeParse(key).success) asked.set(Number(key), parsed.data)
  }
  return asked
}

/** Ticks a follow-up as asked, in one's own name; one ticked by someone else stays theirs. */
export function markAsked(doc: Y.Doc, index: number, mark: AskedMark): boolean {
  const asked = doc.getMap(PANEL_MAPS.asked)
  const key = askedKey(index)
  if (asked.has(key)) return false
  asked.set(key, askedMarkSchema.parse(mark))
  return true
}

/** Unticks a follow-up, only if it was this person who ticked it. */
export function unmarkAsked(doc: Y.Doc, index: number, me: string): boolean {
  const asked = doc.getMap(PANEL_MAPS.asked)
  const key = askedKey(index)
  if ((asked.get(key) as { by?: unknown } | undefined)?.by !== me) return false
  asked.delete(key)
  return true
}

function askedKey(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 999) throw new Error(`no follow-up ${index}`)
  return String(index)
}
