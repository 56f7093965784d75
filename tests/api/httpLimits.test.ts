import { mkdirSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer, tempDataDir } from '../support/server'

const HEADERS_TIMEOUT_MS = 500

let server: TestServer

afterEach(async () => server?.close())

interface Trickle {
  /** Milliseconds from the first byte sent until the server closed the socket. */
  closedAfterMs: number
  /** What the server wrote back before closing. */
  answer: string
}

/**
 * Opens a raw socket and sends `head` one byte every 40 ms, never finishing the headers, until the
 * server closes it (or `giveUpMs` passes, which fails the test).
 */
function trickle(head: string, giveUpMs: number): Promise<Trickle> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server.url)
    const socket = connect(Number(port), '127.0.0.1')
    let answer = ''
    let sent = 0
    let startedAt = 0
    const timer = setInterval(() => {
      if (sent < head.length && !socket.destroyed) socket.write(head[sent++] ?? '')
    }, 40)
    const giveUp = setTimeout(() => {
      clearInterval(timer)
      socket.destroy()
      reject(new Error(`the server kept a trickling socket open for ${giveUpMs} ms`))
    }, giveUpMs)
    socket.on('connect', () => {
      startedAt = Date.now()
      socket.write(head[sent++] ?? '')
    })
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString()
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(timer)
      clearTimeout(giveUp)
      resolve({ closedAfterMs: Date.now() - startedAt, answer })
    })
  })
}

/** A built client's stand-in: an index page and one asset. */
function clientDir(): string {
  const dir = tempDataDir()
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tradeoff</title>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  return dir
}

describe('HTTP limits', () => {
  it('R34 a request or a websocket upgrade whose headers trickle in is dropped after the headers timeout', async () => {
    server = await startTestServer({ env: { LIMIT_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS) } })
    // Long enough that the trickle never completes them within the test.
    const filler = `X-Filler: ${'a'.repeat(200)}\r\n`
    const heads = {
      get: `GET /api/prompts HTTP/1.1\r\nHost: localhost\r\n${filler}`,
      upgrade: `GET /sync/AAAAAAAAAAAAAAAA/board?token=x HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${filler}`,
    }
    const results = await Promise.all([trickle(heads.get, 5_000), trickle(heads.upgrade, 5_000)])
    for (const [index, result] of results.entries()) {
      const which = Object.keys(heads)[index]
      // Not at once (the bytes keep coming), and not long after the timeout.
      expect(result.closedAfterMs, which).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50)
      expect(result.closedAfterMs, which).toBeLessThan(HEADERS_TIMEOUT_MS + 1_500)
      expect(result.answer, which).toMatch(/^HTTP\/1\.1 408 /)
      expect(result.answer, which).toContain('"code":"request_timeout"')
    }
    // Whole requests are still served.
    expect((await fetch(`${server.url}/api/prompts`)).status).toBe(200)
  })

  it('R34 pages, files and unknown paths count toward the HTTP rate limit; /healthz does not', async () => {
    server = await startTestServer({
      clientDir: clientDir(),
      env: { LIMIT_HTTP_REQUESTS_PER_MINUTE: '5' },
    })
    const get = (path: string) => fetch(`${server.url}${path}`)
    const served = []
    for (const path of ['/s/anything', '/r/anything', '/', '/assets/app.js', '/api/nothing-here']) {
      served.push((await get(path)).status)
      expect((await get('/healthz')).status).toBe(200)
    }
    expect(served).toEqual([200, 200, 200, 200, 404])
    for (const path of ['/s/anything', '/assets/app.js', '/r/x', '/api/prompts', '/api/nothing-here']) {
      const response = await get(path)
      expect(response.status, path).toBe(429)
      expect(await response.json(), path).toEqual({
        error: { code: 'rate_limited', message: expect.any(String) },
      })
    }
    expect((await get('/healthz')).status).toBe(200)
    expect((await get('/healthz?probe=1')).status).toBe(200)
  })

  it('R34 a body over the request limit gets 413 in the error shape', async () => {
    server = await startTestServer({ env: { LIMIT_MAX_REQUEST_BYTES: '1024' } })
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ promptId: 'messaging-app', title: 'x'.repeat(2_000) }),
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({
      error: { code: 'too_large', message: expect.stringContaining('1024') },
    })
  })
})
