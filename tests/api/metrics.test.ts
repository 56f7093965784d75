import { afterEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { waitFor } from '../support/poll'
import { openRawSocket, upgradeStatus } from '../support/rawSocket'
import { page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, syncUrl } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

const METRICS_TOKEN = 'metrics-token-7f3a9c1e5b2d4f60'

let server: TestServer
const clients: SyncClient[] = []
const sockets: WebSocket[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const socket of sockets.splice(0)) socket.terminate()
  await server?.close()
})

async function scrape(headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/metrics`, { headers })
}

async function metricsText(): Promise<string> {
  const response = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` })
  expect(response.status).toBe(200)
  return response.text()
}

/** The value of the sample `series` (a name with its labels, as printed), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\.)*"'
// prom-client writes NaN as `Nan` (an event-loop mean with no samples); Prometheus reads either.
const SAMPLE_LINE = new RegExp(
  `^(${NAME})(?:\\{${LABEL}(?:,${LABEL})*\\})? (?:NaN|Nan|[+-]Inf|-?[0-9.]+(?:e[+-]?[0-9]+)?)$`,
)
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`)
const HELP_LINE = new RegExp(`^# HELP (${NAME}) .*$`)

/**
 * Checks Prometheus text format 0.0.4 line by line: HELP, TYPE, or a sample of a family declared
 * just before it (a histogram's samples end in _bucket, _sum or _count). Returns the families.
 */
function parsePrometheusText(text: string): Map<string, string> {
  const families = new Map<string, string>()
  let current = ''
  for (const line of text.split('\n')) {
    if (line === '') continue
    const type = TYPE_LINE.exec(line)
    if (type?.[1] && type[2]) {
      current = type[1]
      families.set(current, type[2])
      continue
    }
    if (HELP_LINE.test(line)) continue
    const name = SAMPLE_LINE.exec(line)?.[1]
    expect(name, `a sample line: ${line}`).toBeDefined()
    const family = families.get(current) === 'histogram' ? name?.replace(/_(bucket|sum|count)$/, '') : name
    expect(family, `a sample of the family declared above it: ${line}`).toBe(current)
  }
  return families
}

describe('GET /metrics', () => {
  it('R43 answers Prometheus text that parses, with the sync, store and fan-out metrics and the event-loop delay', async () => {
    server = await startTestServer()
    const response = await scrape()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const families = parsePrometheusText(await response.text())
    expect(Object.fromEntries([...families].filter(([name]) => name.startsWith('tradeoff_')))).toEqual({
      tradeoff_sync_connections: 'gauge',
      tradeoff_sync_rooms: 'gauge',
      tradeoff_sync_messages_total: 'counter',
      tradeoff_sync_bytes_total: 'counter',
      tradeoff_sync_closes_total: 'counter',
      tradeoff_sync_upgrade_refusals_total: 'counter',
      tradeoff_store_write_seconds: 'histogram',
      tradeoff_fanout_seconds: 'histogram',
    })
    expect(families.get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge')
    expect(families.get('process_cpu_seconds_total')).toBe('counter')
  })

  it('R43 counts a sync connection by document and role, its room, and its messages and bytes both ways', async () => {
    server = await startTestServer({ env: { METRICS_TOKEN } })
    const session = await newSession(server.url)
    const client = connectClient(server.wsUrl, session, { role: 'candidate' })
    clients.push(client)
    await client.synced
    client.records.set('page:page', page())

    const text = await waitFor(async () => {
      const text = await metricsText()
      return (
        (sample(text, 'tradeoff_sync_messages_total{direction="received",type="sync"}') ?? 0) >= 2 && text
      )
    }, 'the client’s sync messages are counted')
    expect(sample(text, 'tradeoff_sync_connections{doc="board",role="candidate"}')).toBe(1)
    expect(sample(text, 'tradeoff_sync_connections{doc="board",role="interviewer"}')).toBe(0)
    expect(sample(text, 'tradeoff_sync_rooms')).toBe(1)
    expect(sample(text, 'tradeoff_sync_messages_total{direction="sent",type="sync"}')).toBeGreaterThanOrEqual(
      2,
    )
    expect(sample(text, 'tradeoff_sync_bytes_total{direction="received",type="sync"}')).toBeGreaterThan(100)
    expect(sample(text, 'tradeoff_sync_bytes_total{direction="sent",type="sync"}')).toBeGreaterThan(0)

    client.destroy()
    await waitFor(
      async () =>
        sample(await metricsText(), 'tradeoff_sync_connections{doc="board",role="candidate"}') === 0,
      'the closed connection is no longer counted',
    )
  })

  it('R43 counts a refused sync connection by close code and reason (4401, a wrong token)', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const before = sample(
      await (await scrape()).text(),
      'tradeoff_sync_closes_total{code="4401",reason="badToken"}',
    )
    expect(before).toBe(0)
    const raw = await openRawSocket(`${server.wsUrl}/sync/${session.id}/board?token=${'x'.repeat(43)}`)
    sockets.push(raw.ws)
    expect(await raw.closed).toBe(4401)
    const text = await (await scrape()).text()
    expect(sample(text, 'tradeoff_sync_closes_total{code="4401",reason="badToken"}')).toBe(1)
    expect(sample(text, 'tradeoff_sync_closes_total{code="4403",reason="forbidden"}')).toBe(0)
  })

  it('R43 counts websocket upgrades refused with HTTP 429, without the address', async () => {
    server = await startTestServer({ env: { LIMIT_UPGRADES_PER_MINUTE: '1' } })
    const session = await newSession(server.url)
    const statuses: number[] = []
    for (let i = 0; i < 2; i++) {
      statuses.push(await upgradeStatus(syncUrl(server.wsUrl, session)))
    }
    expect(statuses).toEqual([101, 429])
    const text = await (await scrape()).text()
    expect(sample(text, 'tradeoff_sync_upgrade_refusals_total{status="429"}')).toBe(1)
    expect(text).not.toContain('127.0.0.1')
  })

  it('R43 shows store write latency, appends and snapshots, after an edit', async () => {
    server = await startTestServer({ snapshotEvery: 2 })
    const session = await newSession(server.url)
    const client = connectClient(server.wsUrl, session)
    clients.push(client)
    await client.synced
    client.records.set('page:page', page())
    client.records.set('shape:a', rectangle('a'))
    client.records.set('shape:b', rectangle('b', 200))
    const text = await waitFor(async () => {
      const text = await (await scrape()).text()
      const appends = sample(text, 'tradeoff_store_write_seconds_count{operation="append"}') ?? 0
      const snapshots = sample(text, 'tradeoff_store_write_seconds_count{operation="snapshot"}') ?? 0
      return appends >= 3 && snapshots >= 1 && text
    }, 'the three appends and a snapshot are timed')
    expect(sample(text, 'tradeoff_store_write_seconds_sum{operation="append"}')).toBeGreaterThan(0)
    expect(sample(text, 'tradeoff_store_write_seconds_bucket{le="+Inf",operation="append"}')).toBe(
      sample(text, 'tradeoff_store_write_seconds_count{operation="append"}'),
    )
  })

  it('R43 holds no session id, title, participant name or token', async () => {
    server = await startTestServer({ env: { METRICS_TOKEN } })
    const session = await newSession(server.url, {
      promptId: 'messaging-app',
      title: 'Wombat ledger round',
      interviewers: ['Zebulon Quixote', 'Philippa Vane'],
      candidate: 'Xanthippe Marlowe',
    })
    for (const [role, doc] of [
      ['interviewer', 'board'],
      ['interviewer', 'panel'],
      ['candidate', 'board'],
      ['reviewer', 'panel'],
    ] as const) {
      const client = connectClient(server.wsUrl, session, { role, doc })
      clients.push(client)
      await client.synced
    }
    const text = await metricsText()
    expect(sample(text, 'tradeoff_sync_connections{doc="panel",role="reviewer"}')).toBe(1)
    const secrets = [
      session.id,
      'Wombat',
      METRICS_TOKEN,
      ...session.created.links.flatMap((link) => [link.name, link.token, link.token.slice(0, 12)]),
    ]
    for (const secret of secrets) expect(text).not.toContain(secret)
    for (const name of ['Zebulon', 'Quixote', 'Philippa', 'Xanthippe', 'Marlowe'])
      expect(text).not.toContain(name)
  })

  it('R43 with METRICS_TOKEN set, answers 401 in the error shape without it or with another, 200 with it, and never logs it', async () => {
    server = await startTestServer({ env: { METRICS_TOKEN } })
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-0000000000000000' },
      { authorization: `Bearer ${METRICS_TOKEN}x` },
      { authorization: METRICS_TOKEN },
    ] as Record<string, string>[]) {
      const refused = await scrape(headers)
      expect(refused.status).toBe(401)
      const body = (await refused.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('metrics_token_required')
      expect(body.error.message).toMatch(/metrics token/)
    }
    const allowed = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('tradeoff_sync_connections')
    expect(JSON.stringify(server.logs)).not.toContain(METRICS_TOKEN)
  })

  it('R43 an empty METRICS_TOKEN leaves /metrics open, and a short one stops the start', async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: '' } })
    expect((await scrape()).status).toBe(200)
    await expect(startTestServer({ env: { METRICS_TOKEN: 'short' } })).rejects.toThrow(/METRICS_TOKEN/)
  })

  it('R43 counts toward the HTTP rate limit like any route', async () => {
    server = await startTestServer({ env: { LIMIT_HTTP_REQUESTS_PER_MINUTE: '2' } })
    expect((await scrape()).status).toBe(200)
    expect((await scrape()).status).toBe(200)
    const limited = await scrape()
    expect(limited.status).toBe(429)
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
  })
})
