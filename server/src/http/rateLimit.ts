import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { RateStoreClass } from '../cluster/sharedRateStore'
import { ApiError } from './errors'

/**
 * Bounds the request rate per client address (`@fastify/rate-limit`), `max` requests a minute:
 * API calls, pages and files alike (see `registerStaticClient` for the pages). Over the limit a
 * request gets a 429 in the API's error shape. `/healthz` is exempt, so monitors never trip it.
 * Counts are kept in memory, or in the `shared` store (Redis: see `sharedRateStore`), so the limit
 * holds over every process.
 * Register before any route: the plugin hooks only routes added after it.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  max: number,
  shared?: RateStoreClass,
): Promise<void> {
  await app.register(rateLimit, {
    max,
    timeWindow: 60_000,
    ...(shared && { store: shared }),
    // By the matched route, not the raw URL, so `/healthz?x` is exempt too and nothing else is.
    allowList: (request) => request.routeOptions.url === '/healthz',
    // What this returns is thrown; the API's error handler turns it into the usual error body.
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `too many requests; try again in ${context.after}`),
  })
}
