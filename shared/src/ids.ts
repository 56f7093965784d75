import { z } from 'zod'

/**
 * A session id: 10 to 64 characters of letters, digits, `_` and `-` (URL-safe base64 of random
 * bytes, as the server makes them). Ids of any other form are refused before any look-up.
 */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'not a session id')

/** Tells whether a string has the form of a session id. It says nothing of whether it exists. */
export function isSessionId(value: string): boolean {
  return sessionIdSchema.safeParse(value).success
}
