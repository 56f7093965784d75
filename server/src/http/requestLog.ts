import { LogController } from 'fastify'

/** The level a finished request is logged at. */
export type RequestLogLevel = 'debug' | 'info' | 'warn'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * How loud a finished request is, so `info` holds what an operator acts on and a round does not
 * bury it under its own page loads (README, "Configuration"):
 * - `warn`: server errors (5xx) and requests refused by the rate limit (429);
 * - `info`: API calls that change something (a session created, imported or deleted, a scorecard
 *   saved or submitted, a clock control) and API calls that fail (4xx);
 * - `debug`: everything else: the app's pages and files, API reads, health checks and paths
 *   that match no route.
 */
export function requestLogLevel(method: string, url: string, status: number): RequestLogLevel {
  if (status >= 500 || status === 429) return 'warn'
  const path = url.split('?')[0] ?? ''
  if (!path.startsWith('/api/')) return 'debug'
  if (status >= 400 || !READS.has(method)) return 'info'
  return 'debug'
}

/**
 * Fastify's request log lines at the level each request deserves: its "incoming request" line
 * at `debug`, its "request completed" line at `requestLogLevel`'s. Fastify writes both at `info`
 * for every request, so one round's page loads and files filled the log. Error lines (a failed
 * handler, a broken stream) keep Fastify's levels. Pass it as Fastify's `logController`.
 */
export class LeveledRequestLog extends LogController {
  override incomingRequest(...[request]: Parameters<LogController['incomingRequest']>): void {
    request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted(...args: Parameters<LogController['requestCompleted']>): void {
    const [error, request, reply] = args
    if (error) {
      super.requestCompleted(...args)
      return
    }
    const level = requestLogLevel(request.method, request.url, reply.statusCode)
    reply.log[level]({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}
