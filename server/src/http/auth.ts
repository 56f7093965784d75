import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { sameHash } from '../sessions/tokens'
import { ApiError } from './errors'

/** The token in `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1] ?? null
}

/**
 * Builds the check for `ADMIN_TOKEN`: when it is set, listing prompts and creating sessions
 * need it as the bearer token (401 otherwise); when unset, anyone may. Compared in constant time.
 */
export function createAdminCheck(adminToken: string | null): (request: FastifyRequest) => void {
  if (adminToken === null) return () => {}
  const expected = digest(adminToken)
  return (request) => {
    const presented = bearerToken(request)
    if (presented === null || presented.length > 512 || !sameHash(digest(presented), expected)) {
      throw new ApiError(
        401,
        'admin_token_required',
        'this server requires its admin token (Authorization: Bearer)',
      )
    }
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}
