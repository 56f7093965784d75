import { CloseCodes, type DocName, isSessionId } from '@tradeoff/shared'
import { Refusal } from '../sync/Refusal'
import type { Identity } from './Identity'

/**
 * Decides who may open which document of which session, from the token they present. Throws a
 * Refusal with the contract's close code (4401, 4403, 4404) when they may not.
 *
 * Until interview sessions exist, any well-formed session id opens its board to anyone; the
 * panel is refused. This is the one place the next step replaces with token and role checks.
 */
export async function authorizeSync(
  sessionId: string,
  doc: DocName,
  _token: string | null,
): Promise<Identity> {
  if (!isSessionId(sessionId)) throw new Refusal(CloseCodes.notFound, 'malformed session id')
  if (doc !== 'board') throw new Refusal(CloseCodes.notFound, 'no panel before sessions exist')
  return { role: 'guest', name: 'guest', canWrite: true, canShowPresence: true }
}
