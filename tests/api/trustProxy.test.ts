import { afterEach, describe, expect, it } from 'vitest'
import { readConfig } from '../../server/src/config'
import { upgradeStatus } from '../support/rawSocket'
import { startTestServer, type TestServer } from '../support/server'

// The per-address limits behind a reverse proxy (README, "Behind a reverse proxy with TLS").
let server: TestServer

afterEach(async () => server?.close())

function getFrom(address: string): Promise<number> {
  return fetch(`${server.url}/api/prompts`, { headers: { 'x-forwarded-for': address } }).then((r) => r.status)
}

/** Asks for a websocket upgrade as if for `address`; resolves with the answer's HTTP status (101 taken). */
function upgradeFrom(address: string): Promise<number> {
  return upgradeStatus(`${server.wsUrl}/sync/unknownsession0/board`, {
    headers: { 'x-forwarded-for': address },
  })
}

describe('clients behind a reverse proxy', () => {
  it('R52 with TRUST_PROXY naming the proxy, each client behind it has its own HTTP and upgrade allowance', async () => {
    server = await startTestServer({
      env: { TRUST_PROXY: '127.0.0.1', LIMIT_HTTP_REQUESTS_PER_MINUTE: '3', LIMIT_UPGRADES_PER_MINUTE: '2' },
    })
    expect([
      await getFrom('203.0.113.1'),
      await getFrom('203.0.113.1'),
      await getFrom('203.0.113.1'),
    ]).toEqual([200, 200, 200])
    expect(await getFrom('203.0.113.1')).toBe(429)
    expect(await getFrom('203.0.113.2')).toBe(200)

    expect([await upgradeFrom('198.51.100.1'), await upgradeFrom('198.51.100.1')]).toEqual([101, 101])
    expect(await upgradeFrom('198.51.100.1')).toBe(429)
    expect(await upgradeFrom('198.51.100.2')).toBe(101)
  })

  it('R52 without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot buy a fresh allowance with it', async () => {
    server = await startTestServer({
      env: { LIMIT_HTTP_REQUESTS_PER_MINUTE: '2', LIMIT_UPGRADES_PER_MINUTE: '1' },
    })
    expect([await getFrom('203.0.113.1'), await getFrom('203.0.113.2')]).toEqual([200, 200])
    expect(await getFrom('203.0.113.3')).toBe(429)
    expect(await upgradeFrom('198.51.100.1')).toBe(101)
    expect(await upgradeFrom('198.51.100.2')).toBe(429)
  })

  it('R52 a TRUST_PROXY entry that is not an address stops the start, naming the variable; empty scale-out variables mean unset', () => {
    expect(() => readConfig({ TRUST_PROXY: 'not an address' })).toThrow(/TRUST_PROXY/)
    expect(readConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      'loopback',
    ])
    const config = readConfig({ DATABASE_URL: '', REDIS_URL: '', TRUST_PROXY: '' })
    expect([config.databaseUrl, config.redisUrl, config.trustedProxies]).toEqual([null, null, []])
    expect(() => readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL.*DATABASE_URL/)
  })
})
