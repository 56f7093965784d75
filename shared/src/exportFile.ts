import { z } from 'zod'
import { promptSchema } from './prompt'
import { scorecardBodySchema } from './scorecard'
import { ROLES, sessionStateSchema } from './session'

/** The `format` field of a session export file. */
export const EXPORT_FORMAT = 'tradeoff-session'

/** The version of the export file layout this build writes and reads. */
export const EXPORT_VERSION = 1

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
  .max(8_000_000)
const loggedUpdate = z.strictObject({
  at: z.number().int().min(0),
  author: z.string().min(1).max(40),
  update: base64,
})

/**
 * A whole session as one file (`GET /api/sessions/:id/export`), to archive it or to import it into
 * another Tradeoff server (`POST /api/sessions/import`). Times are milliseconds since the session's
 * creation. Tokens are not exported: an import issues new links.
 */
export const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.number().int(),
  session: z.strictObject({
    id: z.string().min(1).max(64),
    title: z.string().min(1).max(120),
    createdAt: z.number().int(),
    prompt: promptSchema,
    participants: z.array(z.strictObject({ role: z.enum(ROLES), name: z.string().min(1).max(40) })).max(20),
    state: sessionStateSchema,
  }),
  docs: z.strictObject({
    board: z.array(loggedUpdate).max(1_000_000),
    panel: z.array(loggedUpdate).max(1_000_000),
  }),
  events: z
    .array(
      z.strictObject({
        at: z.number().int(),
        kind: z.enum(['join', 'leave', 'start', 'pause', 'phase', 'hint', 'scorecard']),
        role: z.enum(ROLES).nullable(),
        name: z.string().max(40).nullable(),
        detail: z.string().max(500),
      }),
    )
    .max(100_000),
  scorecards: z
    .array(
      scorecardBodySchema.extend({
        author: z.string().min(1).max(40),
        updatedAt: z.number().int(),
        submittedAt: z.number().int().nullable(),
      }),
    )
    .max(20),
})

/** A validated export file. */
export type ExportFile = z.infer<typeof exportFileSchema>
