import type { FastifyError, FastifyInstance } from 'fastify'

/** An error the API answers with a 4xx and a message meant for the caller. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/**
 * Makes every error answer `{"error": {"code", "message"}}` (CONTRACT.md): ApiErrors as thrown,
 * framework errors (bad JSON, body too large) with their 4xx, anything else as a 500 that is
 * logged and never shows a stack trace.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } })
    }
    const status = error.statusCode ?? 500
    if (status < 500) {
      return reply.code(status).send({ error: { code: error.code ?? 'bad_request', message: error.message } })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ error: { code: 'internal', message: 'internal server error' } })
  })
}
