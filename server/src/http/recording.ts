import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { boardQuerySchema, type Role, reportQuerySchema } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { exportText } from '../recording/exportText'
import type { RecordingService } from '../recording/RecordingService'
import { renderReportMarkdown } from '../recording/renderReportMarkdown'
import type { SessionService } from '../sessions/SessionService'
import { authenticateSession } from './authenticateSession'
import { ApiError } from './errors'
import { validateBody } from './validateBody'

type SessionRequest = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>

const gunzipAsync = promisify(gunzip)

/**
 * The recording API: the board at any moment or its whole history, the review report, export,
 * import and delete. Interviewers and reviewers read; interviewers export and delete; importing is
 * gated like creating a session, and a file is held to `limits` (its size, its events, its logs).
 */
export async function registerRecordingRoutes(
  app: FastifyInstance,
  sessions: SessionService,
  recording: RecordingService,
  requireAdmin: (request: FastifyRequest) => void,
  limits: Limits,
): Promise<void> {
  const authenticate = (request: SessionRequest, roles: readonly Role[]) =>
    authenticateSession(sessions, request, roles)

  app.get('/api/sessions/:id/board', async (request: SessionRequest) => {
    const { session } = await authenticate(request, ['interviewer', 'reviewer'])
    const { at } = validateBody(boardQuerySchema, request.query)
    return recording.boardAt(session, at ?? null)
  })

  app.get('/api/sessions/:id/board/history', async (request: SessionRequest, reply) => {
    const { session } = await authenticate(request, ['interviewer', 'reviewer'])
    const gzipped = await recording.boardHistory(session)
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding')
    // The history is kept gzipped: sent as it is to every browser, inflated for anyone else.
    if (acceptsGzip(request.headers['accept-encoding'])) {
      return reply.header('content-encoding', 'gzip').send(gzipped)
    }
    return reply.send(await gunzipAsync(gzipped))
  })

  app.get('/api/sessions/:id/report', async (request: SessionRequest, reply) => {
    const { session, participant } = await authenticate(request, ['interviewer', 'reviewer'])
    const { format } = validateBody(reportQuerySchema, request.query)
    const report = await recording.report(session, participant)
    if (format === 'json') return report
    return reply.type('text/markdown; charset=utf-8').send(renderReportMarkdown(report))
  })

  app.get('/api/sessions/:id/export', async (request: SessionRequest, reply) => {
    const { session } = await authenticate(request, ['interviewer'])
    const file = await recording.export(session)
    reply.header('Content-Disposition', `attachment; filename="tradeoff-${session.id}.json"`)
    return reply.type('application/json; charset=utf-8').send(await exportText(file))
  })

  // The admin check runs before the body is read: a stranger cannot make the server parse a large
  // file. The body stays bytes here: it is parsed and checked in the import worker, off this thread.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: limits.maxImportBytes },
      (_request, body, done) => done(null, body),
    )
    scope.post(
      '/api/sessions/import',
      {
        bodyLimit: limits.maxImportBytes,
        onRequest: async (request: FastifyRequest) => requireAdmin(request),
      },
      async (request, reply) => {
        if (!(request.body instanceof Buffer))
          throw new ApiError(415, 'unsupported_media_type', 'send the file as application/json')
        const created = await recording.import(request.body)
        request.log.info({ session: created.id }, 'session imported')
        return reply.code(201).send(created)
      },
    )
  })

  app.delete('/api/sessions/:id', async (request: SessionRequest, reply) => {
    const { session } = await authenticate(request, ['interviewer'])
    await recording.delete(session)
    request.log.info({ session: session.id }, 'session deleted')
    return reply.code(204).send()
  })
}

/**
 * Whether an `accept-encoding` header accepts gzip: named as `gzip`, `x-gzip` or `*` with a
 * weight above 0 (RFC 9110, section 12.5.3). A request without the header gets plain text: HTTP
 * would allow gzip, but a client that names no coding may well not decode one.
 */
function acceptsGzip(header: string | undefined): boolean {
  const weights = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const weight = params.find((p) => p.startsWith('q='))
    weights.set(coding, weight ? Number(weight.slice(2)) : 1)
  }
  return (weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*') ?? 0) > 0
}
