import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Logger } from '../logger'

/**
 * Serves the built client (`client/dist`) and answers app routes (`/s/...`, `/r/...`, `/`) with
 * its `index.html`. API and sync paths never fall back to the page; an unknown one gets a 404 in
 * the API's error shape. Pages, files and 404s all count toward the HTTP rate limit: the
 * rate-limit plugin hooks routes as they are added, and the not-found handler is not a route, so
 * it is given the same hook here (`registerRateLimit` must run first).
 */
export async function registerStaticClient(
  app: FastifyInstance,
  logger: Logger,
  root: string,
): Promise<void> {
  const built = existsSync(root)
  if (built) {
    await app.register(fastifyStatic, { root, index: 'index.html', wildcard: false, maxAge: '1h' })
  } else {
    logger.warn({ root }, 'no built client found; run `npm run build` to serve the web app')
  }
  app.setNotFoundHandler(
    { preValidation: app.rateLimit() },
    (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? ''
      if (
        built &&
        request.method === 'GET' &&
        !path.startsWith('/api/') &&
        !path.startsWith('/sync/') &&
        !path.includes('.')
      ) {
        return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
      }
      // Only the path: the query may hold a token, and this message is shown to whoever asked.
      return reply.code(404).send({
        error: { code: 'not_found', message: `no route for ${request.method} ${path.slice(0, 200)}` },
      })
    },
  )
}
