import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'

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
 * SQLite result codes (better-sqlite3's `SqliteError.code`, extended codes included) that mean the
 * store cannot do its job right now: a full or failing disk, a locked or read-only file. The
 * request may succeed later, so they answer 503 rather than 500.
 */
const STORE_FAULT_CODE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|NOMEM|PROTOCOL)/

/**
 * PostgreSQL faults that mean the database cannot serve right now: a lost or refused connection
 * (SQLSTATE class 08), the server shutting down or starting (57P01-57P03), too many connections
 * (53300), and the socket errors `pg` passes on. The request may succeed later: 503.
 */
const POSTGRES_FAULT_CODE =
  /^(08[0-9A-Z]{3}|57P0[123]|53300|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/
const POSTGRES_CLOSED =
  /Connection terminated|Client has encountered a connection error|Cannot use a pool after calling end/

/**
 * What a store error means to the caller, or null when it is not one: every foreign key in the
 * store points at `sessions(id)`, so a broken one means the session was deleted while the request
 * ran (404); a disk or lock fault, a database or Redis out of reach, or a store already closed, is
 * a 503.
 */
export function storeErrorAnswer(error: Error & { code?: unknown }): ApiError | null {
  const code = typeof error.code === 'string' ? error.code : ''
  const fromPostgres = error.name === 'error' || error.name === 'DatabaseError'
  if (
    (error.name === 'SqliteError' && code === 'SQLITE_CONSTRAINT_FOREIGNKEY') ||
    (fromPostgres && code === '23503') ||
    error.name === 'SessionGone'
  ) {
    return new ApiError(404, 'unknown_session', 'no such session (it was deleted)')
  }
  const closed =
    (error instanceof TypeError && /database connection is not open/.test(error.message)) ||
    POSTGRES_CLOSED.test(error.message)
  if (
    (error.name === 'SqliteError' && STORE_FAULT_CODE.test(code)) ||
    POSTGRES_FAULT_CODE.test(code) ||
    closed ||
    error.name === 'ClusterUnavailable'
  ) {
    return new ApiError(
      503,
      'storage_unavailable',
      'the server cannot reach its storage right now; try again in a moment',
    )
  }
  return null
}

function sendError(reply: FastifyReply, error: ApiError) {
  return reply.code(error.status).send({ error: { code: error.code, message: error.message } })
}

/**
 * Makes every error answer `{"error": {"code", "message"}}` (README, "HTTP"): ApiErrors as thrown,
 * store faults as 404 (the session went away) or 503, framework errors (bad JSON, body too large)
 * with their 4xx, anything else as a 500 that is logged and never shows a stack trace.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return sendError(reply, error)
    const fromStore = storeErrorAnswer(error)
    if (fromStore) {
      if (fromStore.status >= 500) request.log.error({ err: error }, 'store unavailable')
      return sendError(reply, fromStore)
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit
      return sendError(reply, new ApiError(413, 'too_large', `the request body is over ${limit} bytes`))
    }
    const status = error.statusCode ?? 500
    if (status < 500) {
      return reply.code(status).send({ error: { code: error.code ?? 'bad_request', message: error.message } })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ error: { code: 'internal', message: 'internal server error' } })
  })
}
