import { type Role, sessionIdSchema } from '@tradeoff/shared'
import type { FastifyRequest } from 'fastify'
import type { Authenticated, SessionService } from '../sessions/SessionService'
import { bearerToken } from './auth'
import { ApiError } from './errors'

/**
 * The session id of a `/api/sessions/:id/...` request in its one canonical form. Fastify has
 * already percent-decoded the path segment once, so `%41bc...` arrives as `Abc...` and reaches
 * the same row; anything that is not then a plain session id (a second encoding, `..`, a
 * lookalike letter, a slash) is refused with 404 before any look-up. Ids are case-sensitive.
 */
export function sessionIdOf(request: FastifyRequest<{ Params: { id: string } }>): string {
  const parsed = sessionIdSchema.safeParse(request.params.id)
  if (!parsed.success) throw new ApiError(404, 'unknown_session', 'no such session')
  return parsed.data
}

/**
 * Who is calling about the session in the path, from their bearer token: 404 for an unknown
 * session, 401 for a missing or wrong token, 403 when `roles` is given and theirs is not in it.
 */
export async function authenticateSession(
  sessions: SessionService,
  request: FastifyRequest<{ Params: { id: string } }>,
  roles?: readonly Role[],
): Promise<Authenticated> {
  const auth = await sessions.authenticate(sessionIdOf(request), bearerToken(request))
  if (roles && !roles.includes(auth.participant.role)) {
    throw new ApiError(403, 'forbidden', `a ${auth.participant.role} may not do this`)
  }
  return auth
}
