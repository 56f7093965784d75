import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SessionView } from '@tradeoff/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'

let server: TestServer

afterEach(async () => server?.close())

async function call(
  path: string,
  init: { method?: string; token?: string; body?: unknown; raw?: string } = {},
) {
  const headers: Record<string, string> = {}
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null, text }
}

describe('prompts API', () => {
  it('H1 lists at least 16 prompts and serves one whole, 404 for unknown ids', async () => {
    server = await startTestServer()
    const list = await call('/api/prompts')
    expect(list.status).toBe(200)
    expect(list.body.length).toBeGreaterThanOrEqual(16)
    expect(Object.keys(list.body[0]).sort()).toEqual([
      'durationMinutes',
      'id',
      'levels',
      'summary',
      'tags',
      'title',
    ])
    const one = await call('/api/prompts/messaging-app')
    expect(one.body).toMatchObject({
      id: 'messaging-app',
      hints: expect.any(Array),
      followUps: expect.any(Array),
    })
    expect((await call('/api/prompts/no-such-prompt')).status).toBe(404)
    expect((await call('/api/prompts/..%2F..%2Fetc')).status).toBe(404)
  })
})

describe('sessions API', () => {
  it('H2 creates one link per interviewer, one candidate and one reviewer, with 256-bit tokens in the fragment', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const roles = session.created.links.map((l) => `${l.role}:${l.name}`)
    expect(roles).toEqual(['interviewer:Ivy', 'interviewer:Ian', 'candidate:Cam', 'reviewer:Reviewer'])
    for (const link of session.created.links) {
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(link.url).toBe(`${server.url}/s/${session.id}#token=${link.token}`)
    }
    expect(new Set(session.created.links.map((l) => l.token)).size).toBe(4)
  })

  it('H3 stores tokens only as hashes and never logs them', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    await call(`/api/sessions/${session.id}`, { token: session.token('candidate') })
    await server.close()
    const database = readFileSync(join(server.dataDir, 'tradeoff.db')).toString('latin1')
    const wal = (() => {
      try {
        return readFileSync(join(server.dataDir, 'tradeoff.db-wal')).toString('latin1')
      } catch {
        return ''
      }
    })()
    const logs = JSON.stringify(server.logs)
    for (const link of session.created.links) {
      expect(database + wal).not.toContain(link.token)
      expect(logs).not.toContain(link.token)
    }
  })

  it.each([
    [{}, 'promptId'],
    [{ promptId: 'Not Kebab' }, 'promptId'],
    [{ promptId: 'messaging-app', interviewers: 'Ivy' }, 'interviewers'],
    [{ promptId: 'messaging-app', interviewers: [] }, 'interviewers'],
    [{ promptId: 'messaging-app', interviewers: ['Ivy', 'Ivy'] }, 'interviewers'],
    [{ promptId: 'messaging-app', candidate: 'x'.repeat(41) }, 'candidate'],
    [{ promptId: 'messaging-app', title: '' }, 'title'],
    [{ promptId: 'messaging-app', extra: 1 }, 'extra'],
  ])('H4 a bad body %j is a 400 naming %s', async (body, field) => {
    server = await startTestServer()
    const response = await call('/api/sessions', { method: 'POST', body })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_body')
    expect(response.body.error.message).toContain(field)
    expect(response.text).not.toMatch(/at .*\.ts:\d+/)
  })

  it('H5 broken JSON is a 400 and an unknown prompt a 404, each with the error shape', async () => {
    server = await startTestServer()
    const broken = await call('/api/sessions', { method: 'POST', raw: '{"promptId":' })
    expect(broken.status).toBe(400)
    expect(broken.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
    const unknown = await call('/api/sessions', { method: 'POST', body: { promptId: 'no-such-prompt' } })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('unknown_prompt')
  })

  it('H6 answers each role with its own view; the candidate’s holds no guide, not even the prompt id', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const interviewer = (await call(`/api/sessions/${session.id}`, { token: session.token('interviewer') }))
      .body as SessionView
    expect(interviewer).toMatchObject({
      role: 'interviewer',
      name: 'Ivy',
      guide: { promptId: 'messaging-app' },
    })
    expect(interviewer.guide?.participants.map((p) => p.name)).toEqual(['Ivy', 'Ian', 'Cam', 'Reviewer'])
    const reviewer = (await call(`/api/sessions/${session.id}`, { token: session.token('reviewer') })).body
    expect(reviewer.guide.hints.length).toBeGreaterThan(0)
    const candidate = await call(`/api/sessions/${session.id}`, { token: session.token('candidate') })
    expect(candidate.body.role).toBe('candidate')
    expect(candidate.body.guide).toBeUndefined()
    expect(candidate.text).not.toContain('messaging-app')
    expect(candidate.body.prompt.brief.length).toBeGreaterThan(50)
    expect(candidate.body.state.revealedHints).toEqual([])
  })

  it('H7 refuses missing (401), wrong (401) and other-session (401) tokens, unknown and malformed ids (404)', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const other = await newSession(server.url)
    expect((await call(`/api/sessions/${session.id}`)).status).toBe(401)
    expect((await call(`/api/sessions/${session.id}`, { token: 'x'.repeat(43) })).status).toBe(401)
    expect((await call(`/api/sessions/${session.id}`, { token: other.token('interviewer') })).status).toBe(
      401,
    )
    expect(
      (await call('/api/sessions/AAAAAAAAAAAAAAAA', { token: session.token('interviewer') })).status,
    ).toBe(404)
    expect((await call('/api/sessions/bad%20id', { token: session.token('interviewer') })).status).toBe(404)
  })

  it('H8 only interviewers run the clock, phases and hints; the state follows the server clock', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const control = (role: 'interviewer' | 'candidate' | 'reviewer', action: string) =>
      call(`/api/sessions/${session.id}/control`, {
        method: 'POST',
        token: session.token(role),
        body: { action },
      })
    expect((await control('candidate', 'start')).status).toBe(403)
    expect((await control('reviewer', 'revealHint')).status).toBe(403)
    expect((await control('interviewer', 'explode')).status).toBe(400)
    const started = (await control('interviewer', 'start')).body as SessionView
    expect(started.state.running).toBe(true)
    expect(started.state.startedAt).toBeLessThanOrEqual(started.serverNow)
    const hinted = (await control('interviewer', 'revealHint')).body as SessionView
    expect(hinted.state.revealedHints).toEqual([hinted.guide?.hints[0]])
    const next = (await control('interviewer', 'nextPhase')).body as SessionView
    expect(next.state.phaseIndex).toBe(1)
    const paused = (await control('interviewer', 'pause')).body as SessionView
    expect(paused.state).toMatchObject({ running: false, startedAt: null })
    expect(paused.state.accumulatedMs).toBeGreaterThanOrEqual(0)
    const candidate = (await call(`/api/sessions/${session.id}`, { token: session.token('candidate') })).body
    expect(candidate.state).toEqual(paused.state)
  })

  it('H9 with ADMIN_TOKEN set, listing prompts and creating sessions need it', async () => {
    const admin = 'a-very-long-admin-token-123'
    server = await startTestServer({ env: { ADMIN_TOKEN: admin } })
    expect((await call('/api/prompts')).status).toBe(401)
    expect((await call('/api/prompts', { token: 'wrong-token-of-some-length' })).status).toBe(401)
    expect((await call('/api/prompts', { token: admin })).status).toBe(200)
    expect(
      (await call('/api/sessions', { method: 'POST', body: { promptId: 'messaging-app' } })).status,
    ).toBe(401)
    const created = await newSession(
      server.url,
      { promptId: 'messaging-app' },
      { authorization: `Bearer ${admin}` },
    )
    expect(created.created.links).toHaveLength(3)
  })
})

describe('HTTP rate limit', () => {
  it('H10 a client over the request rate gets 429 in the error shape; /healthz stays open', async () => {
    server = await startTestServer({ env: { LIMIT_HTTP_REQUESTS_PER_MINUTE: '20' } })
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) statuses.push((await call('/api/prompts')).status)
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true)
    const limited = await call('/api/prompts')
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    expect((await call('/healthz')).status).toBe(200)
  })
})
