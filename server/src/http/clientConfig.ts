import type { FastifyInstance } from 'fastify'
import type { Config } from '../config'

/** `GET /api/config`: what the browser app needs from the server's configuration at run time. */
export function registerClientConfig(app: FastifyInstance, config: Config): void {
  app.get('/api/config', async () => ({ tldrawLicenseKey: config.tldrawLicenseKey }))
}
