import { scorecardBodySchema } from '@tradeoff/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ScorecardService } from '../scorecards/ScorecardService'
import type { SessionService } from '../sessions/SessionService'
import { authenticateSession } from './authenticateSession'
import { validateBody } from './validateBody'

type SessionRequest = FastifyRequest<{ Params: { id: string } }>

/**
 * Scorecards of a session: `GET /api/sessions/:id/scorecards` (what the caller may see),
 * `PUT /api/sessions/:id/scorecards/mine` (save a draft) and `POST /api/sessions/:id/scorecards`
 * (submit; final).
 */
export function registerScorecardRoutes(
  app: FastifyInstance,
  sessions: SessionService,
  scorecards: ScorecardService,
) {
  const authenticate = (request: SessionRequest) => authenticateSession(sessions, request)

  app.get('/api/sessions/:id/scorecards', async (request: SessionRequest) => {
    const { session, participant } = await authenticate(request)
    return scorecards.view(session, participant)
  })

  app.put('/api/sessions/:id/scorecards/mine', async (request: SessionRequest) => {
    const { session, participant } = await authenticate(request)
    return scorecards.save(session, participant, validateBody(scorecardBodySchema, request.body), false)
  })

  app.post('/api/sessions/:id/scorecards', async (request: SessionRequest, reply) => {
    const { session, participant } = await authenticate(request)
    const card = await scorecards.save(
      session,
      participant,
      validateBody(scorecardBodySchema, request.body),
      true,
    )
    request.log.info({ session: session.id }, 'scorecard submitted')
    return reply.code(201).send(card)
  })
}
