import { z } from 'zod'
import { DEFAULT_LIMITS, type Limits } from './limits'
import { promptSchema } from './prompt'
import { scorecardBodySchema } from './scorecard'
import { ROLES, sessionStateSchema } from './session'

/** The `format` field of a session export file. */
export const EXPORT_FORMAT = 'tradeoff-session'

/** The version of the export file layout this build writes and reads. */
export const EXPORT_VERSION = 1

/** The author the server writes its own document updates under (the board's `meta` and `session`). */
export const SERVER_AUTHOR = 'server'

/** The limits an export file is held to (`shared/src/limits.ts`). */
export type ExportFileLimits = Pick<
  Limits,
  'maxImportEvents' | 'maxDocUpdates' | 'maxDocBytes' | 'maxMessageBytes'
>

const name = z.string().min(1).max(40)

/** The bytes a base64 text of `length` characters decodes to, at most. */
function decodedBytes(length: number): number {
  return Math.floor((length * 3) / 4)
}

/**
 * The schema of an export file under the given limits: at most `maxImportEvents` events, each
 * document log at most `maxDocUpdates` updates and `maxDocBytes` bytes, no update larger than a
 * frame may be (`maxMessageBytes`). Beyond the shape, the file must be about its own people:
 * interviewer names differ; notes (panel updates) are written by its interviewers and board
 * updates by its interviewers, its candidate or the server; every scorecard is by one of its
 * interviewers, at most one each; every event names one of its participants (with their role) or
 * nobody. The first issue names the field at fault.
 */
export function createExportFileSchema(limits: ExportFileLimits) {
  const loggedUpdate = z.strictObject({
    at: z.number().int().min(0),
    author: name,
    update: z
      .string()
      .max(
        Math.ceil(limits.maxMessageBytes / 3) * 4,
        `an update may be at most ${limits.maxMessageBytes} bytes`,
      )
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  })
  const docLog = z
    .array(loggedUpdate)
    .max(limits.maxDocUpdates, `a document log may hold at most ${limits.maxDocUpdates} updates`)
    .refine(
      (log) => log.reduce((sum, entry) => sum + decodedBytes(entry.update.length), 0) <= limits.maxDocBytes,
      `a document log may hold at most ${limits.maxDocBytes} bytes`,
    )
  return z
    .strictObject({
      format: z.literal(EXPORT_FORMAT),
      version: z.literal(EXPORT_VERSION),
      exportedAt: z.number().int(),
      session: z.strictObject({
        id: z.string().min(1).max(64),
        title: z.string().min(1).max(120),
        createdAt: z.number().int(),
        prompt: promptSchema,
        participants: z.array(z.strictObject({ role: z.enum(ROLES), name })).max(20),
        state: sessionStateSchema,
      }),
      docs: z.strictObject({ board: docLog, panel: docLog }),
      events: z
        .array(
          z.strictObject({
            at: z.number().int(),
            kind: z.enum(['join', 'leave', 'start', 'pause', 'phase', 'hint', 'scorecard', 'end']),
            role: z.enum(ROLES).nullable(),
            name: name.nullable(),
            detail: z.string().max(500),
          }),
        )
        .max(
          limits.maxImportEvents,
          `a session file may carry at most ${limits.maxImportEvents} events (LIMIT_MAX_IMPORT_EVENTS)`,
        ),
      scorecards: z
        .array(
          scorecardBodySchema.extend({
            author: name,
            updatedAt: z.number().int(),
            submittedAt: z.number().int().nullable(),
          }),
        )
        .max(20),
    })
    .superRefine((file, context) => {
      const people = file.session.participants
      const interviewers = people.filter((p) => p.role === 'interviewer').map((p) => p.name)
      const boardWriters = new Set(people.filter((p) => p.role !== 'reviewer').map((p) => p.name))
      boardWriters.add(SERVER_AUTHOR)
      const issue = (path: Array<string | number>, message: string) =>
        context.addIssue({ code: 'custom', path, message })
      if (new Set(interviewers).size !== interviewers.length) {
        issue(['session', 'participants'], 'interviewer names must differ')
      }
      // One issue per list is enough to name the fault; a long log is not walked into a long report.
      const badDrawing = file.docs.board.findIndex((entry) => !boardWriters.has(entry.author))
      if (badDrawing >= 0) issue(['docs', 'board', badDrawing, 'author'], 'not a participant who may draw')
      const badNote = file.docs.panel.findIndex((entry) => !interviewers.includes(entry.author))
      if (badNote >= 0) {
        issue(
          ['docs', 'panel', badNote, 'author'],
          'notes may only be written by an interviewer of the session',
        )
      }
      const scored = new Set<string>()
      file.scorecards.forEach((card, index) => {
        if (!interviewers.includes(card.author))
          issue(['scorecards', index, 'author'], 'not an interviewer of the session')
        else if (scored.has(card.author))
          issue(['scorecards', index, 'author'], 'an interviewer has at most one scorecard')
        scored.add(card.author)
      })
      const badEvent = file.events.findIndex(
        (event) =>
          event.name !== null &&
          !people.some((p) => p.name === event.name && (event.role === null || p.role === event.role)),
      )
      if (badEvent >= 0)
        issue(['events', badEvent, 'name'], 'not a participant of the session (with that role)')
    })
}

/**
 * A whole session as one file (`GET /api/sessions/:id/export`), to archive it or to import it into
 * another Tradeoff server (`POST /api/sessions/import`), under the default limits; a server checks
 * imports with `createExportFileSchema(its limits)`. Times are milliseconds since the session's
 * creation. Tokens are not exported: an import issues new links.
 */
export const exportFileSchema = createExportFileSchema(DEFAULT_LIMITS)

/** A validated export file. */
export type ExportFile = z.infer<typeof exportFileSchema>
