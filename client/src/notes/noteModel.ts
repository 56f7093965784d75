import {
  MAX_SESSION_AT_MS,
  type NOTE_SIGNALS,
  type Note,
  noteSchema,
  type RubricDimensionId,
} from '@tradeoff/shared'
import { parseNoteInput } from './parseNoteInput'

/** A note's signal: `+` strength, `-` concern, `?` to probe, `''` none. */
export type NoteSignal = (typeof NOTE_SIGNALS)[number]

const MAX_AT_MS = MAX_SESSION_AT_MS
const MAX_TEXT = 4000
const MAX_SHAPES = 100
const SHAPE_ID = /^shape:[A-Za-z0-9_:-]{1,64}$/

/** Why a typed note could not be made into a note. */
export type NoteProblem = 'empty' | 'no-dimension' | 'invalid'

/** A note ready to write, or why there is none. */
export type ComposedNote = { ok: true; note: Note } | { ok: false; problem: NoteProblem; message: string }

/** What the note box holds when Enter is pressed. */
export interface NoteBoxInput {
  /** The raw text, possibly with a `#tag` and a signal token. */
  input: string
  /** The dimension chip picked, used when no tag is typed. */
  chosenDimension: RubricDimensionId | null
  /** The signal button pressed, used when no signal is typed. */
  chosenSignal: NoteSignal
  /** The shapes selected on the canvas. */
  shapeIds: readonly string[]
}

/** Who writes the note, when and under which id. */
export interface NoteStamp {
  id: string
  author: string
  /** Milliseconds since the session's creation (see `noteAtMs`). */
  at: number
}

/** A fresh note id (`note:<uuid>`, within the schema's 64 characters). */
export function newNoteId(uuid: () => string = () => crypto.randomUUID()): string {
  return `note:${uuid()}`
}

/**
 * A note's `at`: milliseconds since the session's creation on the server's clock, clamped to
 * what the schema accepts, since a refused note closes the whole panel connection (4400).
 */
export function noteAtMs(serverNow: number, sessionCreatedAt: number): number {
  return Math.min(MAX_AT_MS, Math.max(0, Math.round(serverNow - sessionCreatedAt)))
}

/**
 * Makes a note from the note box: a typed `#tag` wins over the chosen chip, a typed signal over
 * the pressed button. The result passes the shared schema, or is refused here with a reason the
 * interviewer can act on: the server would close the panel connection over a bad note.
 */
export function composeNote(box: NoteBoxInput, stamp: NoteStamp): ComposedNote {
  if (box.input.trim() === '') return { ok: false, problem: 'empty', message: 'Type a note first.' }
  const parsed = parseNoteInput(box.input)
  const dimension = parsed.dimension ?? box.chosenDimension
  if (!dimension) {
    return {
      ok: false,
      problem: 'no-dimension',
      message: 'Pick a dimension: click one above, or type a tag such as #cache.',
    }
  }
  return checked({
    id: stamp.id,
    at: stamp.at,
    author: stamp.author,
    dimension,
    signal: parsed.signal ?? box.chosenSignal,
    text: parsed.text.slice(0, MAX_TEXT),
    shapeIds: linkableShapeIds(box.shapeIds),
  })
}

/**
 * A note after an edit of its text: a `#tag` or a signal typed in the new text changes the
 * dimension or the signal; otherwise they stay. Time, author and linked shapes never change.
 */
export function reviseNote(note: Note, input: string): ComposedNote {
  const parsed = parseNoteInput(input)
  if (parsed.text === '' && parsed.signal === null && parsed.dimension === null) {
    return { ok: false, problem: 'empty', message: 'A note needs some text; delete it instead.' }
  }
  return checked({
    ...note,
    dimension: parsed.dimension ?? note.dimension,
    signal: parsed.signal ?? note.signal,
    text: parsed.text.slice(0, MAX_TEXT),
  })
}

/** The selected shape ids a note may link: well-formed, each once, at most 100. */
export function linkableShapeIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => SHAPE_ID.test(id)))].slice(0, MAX_SHAPES)
}

/** Notes in the order they are listed: oldest first by session time, then by id. */
export function compareNotes(a: Note, b: Note): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The notes on one dimension, oldest first. */
export function notesOn(notes: readonly Note[], dimension: RubricDimensionId): Note[] {
  return notes.filter((note) => note.dimension === dimension).sort(compareNotes)
}

function checked(note: Note): ComposedNote {
  const result = noteSchema.safeParse(note)
  if (result.success) return { ok: true, note: result.data }
  const issue = result.error.issues[0]
  return {
    ok: false,
    problem: 'invalid',
    message: `This note cannot be saved: ${issue?.message ?? 'invalid'}.`,
  }
}
