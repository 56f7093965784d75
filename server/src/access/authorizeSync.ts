import { CloseCodes, DOC_ACCESS } from '@tradeoff/shared'
import { ApiError } from '../http/errors'
import type { SessionService } from '../sessions/SessionService'
import { Refusal } from '../sync/Refusal'
import type { AuthorizeSync } from '../sync/SyncServer'

/**
 * Decides who may open which document of which session from the token they present, with the
 * contract's close codes: 4404 unknown session, 4401 missing or wrong token, 4403 a role that
 * may not open this document (DOC_ACCESS).
 */
export function createSyncAuthorizer(sessions: SessionService): AuthorizeSync {
  return async (sessionId, doc, token) => {
    let participant: Awaited<ReturnType<SessionService['authenticate']>>['participant']
    try {
      participant = (await sessions.authenticate(sessionId, token)).participant
    } catch (error) {
      if (error instanceof ApiError && error.status === 404)
        throw new Refusal(CloseCodes.notFound, 'unknown session')
      if (error instanceof ApiError && error.status === 401)
        throw new Refusal(CloseCodes.badToken, 'bad token')
      throw error
    }
    const access = DOC_ACCESS[doc][participant.role]
    if (!access) throw new Refusal(CloseCodes.forbidden, `${participant.role} may not open ${doc}`)
    return {
      role: participant.role,
      name: participant.name,
      canWrite: access.write,
      canShowPresence: access.presence,
    }
  }
}
