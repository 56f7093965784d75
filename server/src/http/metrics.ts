import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerMetrics } from '../metrics/ServerMetrics'
import { bearerToken } from './auth'
import { ApiError } from './errors'

/**
 * `GET /metrics`: this server's and its process's metrics as Prometheus text (README, "Metrics").
 * Anyone may read them, or only holders of `METRICS_TOKEN` as the bearer token when it is set
 * (401 in the API's error shape otherwise). Like every route but `/healthz` it counts toward the
 * HTTP rate limit: register it after `registerRateLimit`.
 */
export function registerMetrics(
  app: FastifyInstance,
  metrics: ServerMetrics,
  metricsToken: string | null,
): void {
  const requireToken = createMetricsTokenCheck(metricsToken)
  app.get('/metrics', async (request, reply) => {
    requireToken(request)
    const text = await metrics.text()
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(text)
  })
}

/** Checks the bearer against `METRICS_TOKEN` in constant time; anyone passes when it is unset. */
function createMetricsTokenCheck(metricsToken: string | null): (request: FastifyRequest) => void {
  if (metricsToken === null) return () => {}
  // Digests have one length, so the comparison takes the same time whatever was presented.
  const expected = digest(metricsToken)
  return (request) => {
    const presented = bearerToken(request)
    if (presented === null || !timingSafeEqual(digest(presented), expected)) {
      throw new ApiError(
        401,
        'metrics_token_required',
        'this server requires its metrics token (Authorization: Bearer)',
      )
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
