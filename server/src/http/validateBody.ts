import type { z } from 'zod'
import { ApiError } from './errors'

/** Parses a request body with a schema from shared/, or throws a 400 naming the field at fault. */
export function validateBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.length ? issue.path.join('.') : 'body'
  const message =
    issue?.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue?.message
  throw new ApiError(400, 'invalid_body', `${field}: ${message ?? 'invalid'}`)
}
