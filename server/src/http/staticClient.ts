import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import type { Logger } from '../logger'

/**
 * Serves the built client (`client/dist`) and answers app routes (`/s/...`, `/r/...`, `/`) with
 * its `index.html`. API and sync paths never fall back to the page.
 */
export async function registerStaticClient(
  app: FastifyInstance,
  logger: Logger,
  root: string,
): Promise<void> {
  if (!existsSync(root)) {
    logger.warn({ root }, 'no built client found; run `npm run build` to serve the web app')
    return
  }
  await app.register(fastifyStatic, { root, index: 'index.html', wildcard: false, maxAge: '1h' })
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/sync/') &&
      !path.includes('.')
    ) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
    }
    return reply
      .code(404)
      .send({ error: { code: 'not_found', message: `no route for ${request.method} ${path}` } })
  })
}
