import { z } from 'zod'
import { rubricDimensionIdSchema } from './rubric'

/** The signals a note can carry: strength, concern, to probe, or none. */
export const NOTE_SIGNALS = ['+', '-', '?', ''] as const

/** The latest moment a note or tick may carry, in ms since the session's creation: a year. */
export const MAX_SESSION_AT_MS = 366 * 24 * 3600 * 1000

/** The layout of the panel document: notes by id (README, "Panel document layout"). */
export const PANEL_MAPS = {
  notes: 'notes',
  /** The prompt's follow-up questions ticked as asked: follow-up index (as text) -> AskedMark. */
  asked: 'asked',
} as const

/**
 * One rubric note in the panel document, as a plain JSON value under its id. The server refuses
 * notes that break this schema, and notes written in another interviewer's name (4400).
 */
export const noteSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/, 'note ids are 1-64 letters, digits, "_", ":" or "-"'),
  /** Milliseconds since the session's creation. */
  at: z.number().int().min(0).max(MAX_SESSION_AT_MS),
  author: z.string().min(1).max(40),
  dimension: rubricDimensionIdSchema,
  signal: z.enum(NOTE_SIGNALS),
  text: z.string().max(4000),
  shapeIds: z.array(z.string().regex(/^shape:[A-Za-z0-9_:-]{1,64}$/)).max(100),
})

/** A rubric note. */
export type Note = z.infer<typeof noteSchema>

/** A follow-up question ticked as asked: by whom, and when (ms since the session's creation). */
export const askedMarkSchema = z.strictObject({
  by: z.string().min(1).max(40),
  at: z.number().int().min(0).max(MAX_SESSION_AT_MS),
})

/** A follow-up question ticked as asked. */
export type AskedMark = z.infer<typeof askedMarkSchema>

/** The key of a follow-up in the `asked` map: its index in the prompt's `followUps`, as text. */
export const askedKeySchema = z.string().regex(/^(0|[1-9][0-9]{0,2})$/)
