import { createSessionBodySchema, sessionControlBodySchema } from '@tradeoff/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SessionService } from '../sessions/SessionService'
import { buildSessionView } from '../sessions/sessionView'
import { authenticateSession } from './authenticateSession'
import { ApiError } from './errors'
import { validateBody } from './validateBody'

type SessionRequest = FastifyRequest<{ Params: { id: string } }>

/**
 * The session API: `POST /api/sessions` (create, admin-gated when ADMIN_TOKEN is set),
 * `GET /api/sessions/:id` (the caller's role view) and `POST /api/sessions/:id/control`
 * (interviewers: start, pause, phases, hints).
 */
export function registerSessionRoutes(
  app: FastifyInstance,
  sessions: SessionService,
  requireAdmin: (request: FastifyRequest) => void,
  now: () => number,
): void {
  app.post(
    '/api/sessions',
    { onRequest: async (request) => requireAdmin(request) },
    async (request, reply) => {
      const body = validateBody(createSessionBodySchema, request.body)
      const created = await sessions.create(body)
      request.log.info({ session: created.id, prompt: body.promptId }, 'session created')
      return reply.code(201).send(created)
    },
  )

  app.get('/api/sessions/:id', async (request: SessionRequest) => {
    const { session, participant } = await authenticateSession(sessions, request)
    return buildSessionView(session, participant, now())
  })

  app.post('/api/sessions/:id/control', async (request: SessionRequest) => {
    const { session, participant } = await authenticateSession(sessions, request)
    if (participant.role !== 'interviewer')
      throw new ApiError(403, 'forbidden', 'only interviewers run the session')
    const { action } = validateBody(sessionControlBodySchema, request.body)
    await sessions.control(session, participant, action)
    request.log.info({ session: session.id, action }, 'session control')
    return buildSessionView(session, participant, now())
  })
}
