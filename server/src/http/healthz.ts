import type { FastifyInstance } from 'fastify'

/** `GET /healthz`: 200 `{"ok": true}` while the process serves. */
export function registerHealthz(app: FastifyInstance): void {
  app.get('/healthz', async () => ({ ok: true }))
}
