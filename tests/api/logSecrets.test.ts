import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { openRawSocket } from '../support/rawSocket'
import { ROOT, startTestServer, type TestServer, tempDataDir } from '../support/server'
import { newSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
const clients: SyncClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

/** Every route the HTTP files register, as `METHOD /path`, read from their source. */
function registeredRoutes(): string[] {
  const dir = join(ROOT, 'server/src/http')
  const routes: string[] = []
  for (const file of readdirSync(dir)) {
    const source = readFileSync(join(dir, file), 'utf8')
    for (const match of source.matchAll(/app\.(get|post|put|delete|patch)(?:<[^>]*>)?\(\s*'([^']+)'/g)) {
      routes.push(`${match[1]?.toUpperCase()} ${match[2]}`)
    }
  }
  return routes.sort()
}

/** Sends a request Node cannot parse, its request line carrying `token`. */
function malformedRequest(token: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
      socket.write(`GET /api/prompts?token=${token} HTTP/1.1\r\nHost: localhost\r\nnot a header\r\n\r\n`)
    })
    let answer = ''
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString()
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve(answer))
  })
}

/** Starts a request with `token` in its URL and never finishes its headers; resolves once dropped. */
function stalledRequest(token: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
      socket.write(`GET /api/sessions/x?token=${token} HTTP/1.1\r\nAuthorization: Bearer ${token}\r\n`)
    })
    let answer = ''
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString()
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve(answer))
  })
}

describe('tokens never logged', () => {
  it('R37 no token, token prefix or token hash appears in any log line, whatever route carried it', async () => {
    const adminToken = randomBytes(24).toString('base64url')
    const metricsToken = randomBytes(24).toString('base64url')
    const client = tempDataDir()
    writeFileSync(join(client, 'index.html'), '<!doctype html><title>Tradeoff</title>')
    writeFileSync(join(client, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    server = await startTestServer({
      clientDir: client,
      env: { ADMIN_TOKEN: adminToken, METRICS_TOKEN: metricsToken, LIMIT_HEADERS_TIMEOUT_MS: '300' },
    })
    const secrets = [adminToken, metricsToken]
    const exercised = new Set<string>()
    /** Calls a route with `token` both in the query and as the bearer token. */
    const call = async (
      route: string,
      path: string,
      token: string,
      init: { method?: string; body?: unknown; query?: string } = {},
    ) => {
      exercised.add(route)
      const query = `token=${token}&secret=${token}${init.query ? `&${init.query}` : ''}`
      const response = await fetch(`${server.url}${path}?${query}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })
      return { status: response.status, text: await response.text() }
    }

    expect((await call('GET /healthz', '/healthz', adminToken)).status).toBe(200)
    expect((await call('GET /metrics', '/metrics', metricsToken)).status).toBe(200)
    expect((await call('GET /api/config', '/api/config', adminToken)).status).toBe(200)
    expect((await call('GET /api/prompts', '/api/prompts', adminToken)).status).toBe(200)
    expect((await call('GET /api/prompts/:id', '/api/prompts/messaging-app', adminToken)).status).toBe(200)
    const session = await newSession(server.url, undefined, { authorization: `Bearer ${adminToken}` })
    exercised.add('POST /api/sessions')
    const sessionRoute = (suffix: string) => `/api/sessions/${session.id}${suffix}`
    secrets.push(...session.created.links.map((link) => link.token))
    const ivy = session.token('interviewer')
    const reviewer = session.token('reviewer')

    expect((await call('GET /api/sessions/:id', sessionRoute(''), ivy)).status).toBe(200)
    expect(
      (
        await call('POST /api/sessions/:id/control', sessionRoute('/control'), ivy, {
          method: 'POST',
          body: { action: 'start' },
        })
      ).status,
    ).toBe(200)

    const board = connectClient(server.wsUrl, session, { token: ivy })
    const panel = connectClient(server.wsUrl, session, { token: ivy, doc: 'panel' })
    clients.push(board, panel)
    await Promise.all([board.synced, panel.synced])
    const wrongToken = randomBytes(32).toString('base64url')
    secrets.push(wrongToken)
    const refused = await openRawSocket(`${server.wsUrl}/sync/${session.id}/board?token=${wrongToken}`)
    expect(await refused.closed).toBe(4401)
    const candidatePanel = await openRawSocket(
      `${server.wsUrl}/sync/${session.id}/panel?token=${session.token('candidate')}`,
    )
    expect(await candidatePanel.closed).toBe(4403)
    const tokenAsId = await openRawSocket(`${server.wsUrl}/sync/${ivy}/board?token=${ivy}`)
    expect(await tokenAsId.closed).toBe(4404)
    board.destroy()
    panel.destroy()
    await waitFor(() => server.sync.size === 0, 'the sync connections are closed')

    const card = { scores: { caching: 3 }, overall: 3, level: 'senior', summary: 'ok' }
    expect(
      (
        await call('PUT /api/sessions/:id/scorecards/mine', sessionRoute('/scorecards/mine'), ivy, {
          method: 'PUT',
          body: card,
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await call('POST /api/sessions/:id/scorecards', sessionRoute('/scorecards'), ivy, {
          method: 'POST',
          body: card,
        })
      ).status,
    ).toBe(201)
    expect(
      (await call('GET /api/sessions/:id/scorecards', sessionRoute('/scorecards'), reviewer)).status,
    ).toBe(200)
    expect(
      (await call('GET /api/sessions/:id/board', sessionRoute('/board'), reviewer, { query: 'at=0' })).status,
    ).toBe(200)
    expect(
      (await call('GET /api/sessions/:id/board/history', sessionRoute('/board/history'), reviewer)).status,
    ).toBe(200)
    for (const format of ['md', 'json']) {
      const report = await call('GET /api/sessions/:id/report', sessionRoute('/report'), reviewer, {
        query: `format=${format}`,
      })
      expect(report.status).toBe(200)
    }
    const exported = await call('GET /api/sessions/:id/export', sessionRoute('/export'), ivy)
    expect(exported.status).toBe(200)
    const imported = await call('POST /api/sessions/import', '/api/sessions/import', adminToken, {
      method: 'POST',
      body: JSON.parse(exported.text),
    })
    expect(imported.status).toBe(201)
    secrets.push(
      ...(JSON.parse(imported.text) as { links: Array<{ token: string }> }).links.map((l) => l.token),
    )

    // Pages, files, unknown paths and refusals, each with a token in the query.
    for (const path of [
      '/',
      `/s/${session.id}`,
      `/r/${session.id}`,
      '/favicon.svg',
      '/api/nothing',
      '/sync/x/board',
    ]) {
      expect((await call(`page ${path}`, path, ivy)).status).toBeLessThan(500)
    }
    expect((await call('refused', sessionRoute(''), wrongToken)).status).toBe(401)
    expect((await call('forbidden', sessionRoute('/export'), reviewer)).status).toBe(403)
    expect(await malformedRequest(ivy)).toMatch(/^HTTP\/1\.1 400 /)
    expect(await stalledRequest(ivy)).toMatch(/^HTTP\/1\.1 408 /)
    expect((await call('DELETE /api/sessions/:id', sessionRoute(''), ivy, { method: 'DELETE' })).status).toBe(
      204,
    )

    for (const route of registeredRoutes()) expect(exercised, `the test calls ${route}`).toContain(route)

    const logs = JSON.stringify(server.logs)
    // The logs did record these requests, their URLs redacted.
    expect(logs).toContain('token=[redacted]')
    expect(logs).toContain('at=0')
    expect(logs).toContain('format=md')
    expect(logs).toContain('sync connection opened')
    expect(logs).toContain('refused a sync connection')
    for (const secret of secrets) {
      const hash = createHash('sha256').update(secret).digest('hex')
      for (const form of [secret, secret.slice(0, 12), hash]) {
        expect(logs.includes(form), `a log line holds ${form === hash ? 'the hash of ' : ''}a token`).toBe(
          false,
        )
      }
    }
  })
})
