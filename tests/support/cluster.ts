import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { type Balancer, startBalancer } from './balancer'
import { type ServerProcess, spawnServer, tempDataDir } from './server'
import type { SyncClient } from './syncClient'
import { createTestDatabase, type TestDatabase } from './testDatabase'

/** The Redis the tests use (`TEST_REDIS_URL`; by default the one this machine kind runs on loopback). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Several real server processes sharing one PostgreSQL database and one Redis. */
export interface TestCluster {
  /** The environment every process of this test file gets (DATABASE_URL, REDIS_URL, REDIS_PREFIX). */
  env(): Record<string, string>
  /** The file's Redis prefix; a test that counts (rate limits) gives its processes one below it. */
  prefix: string
  /** Starts `count` processes (with `env` added), and a balancer in front of them. */
  start(
    count: number,
    env?: Record<string, string>,
  ): Promise<{ processes: ServerProcess[]; balancer: Balancer }>
  /** Starts one more process, not behind the balancer. */
  spawn(env?: Record<string, string>): Promise<ServerProcess>
  clients: SyncClient[]
}

/**
 * A test file's cluster: a fresh database and a Redis key prefix of its own; the processes, the
 * balancer and the clients of each test are stopped after it, the database dropped and the keys
 * deleted at the end. Fails, saying how to start them, when PostgreSQL or Redis is down.
 */
export function useCluster(): TestCluster {
  let database: TestDatabase | undefined
  const prefix = `tradeoff-test-${randomBytes(4).toString('hex')}:`
  const processes: ServerProcess[] = []
  const balancers: Balancer[] = []
  const clients: SyncClient[] = []
  beforeAll(async () => {
    await checkRedis()
    database = await createTestDatabase()
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await Promise.all(balancers.splice(0).map((balancer) => balancer.close()))
    await Promise.all(processes.splice(0).map((process) => process.stop('SIGTERM')))
  })
  afterAll(async () => {
    await database?.drop()
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true })
    await redis.connect().catch(() => undefined)
    const keys = await redis.keys(`${prefix}*`).catch(() => [])
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
  })
  const env = () => {
    if (!database) throw new Error('the test database was not created (see the error of beforeAll)')
    return { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' }
  }
  const spawn = async (extra: Record<string, string> = {}) => {
    const process = await spawnServer(tempDataDir(), 0, { built: true, env: { ...env(), ...extra } })
    processes.push(process)
    return process
  }
  return {
    env,
    prefix,
    spawn,
    async start(count, extra = {}) {
      const started = await Promise.all(Array.from({ length: count }, () => spawn(extra)))
      const balancer = await startBalancer(started.map((process) => process.url))
      balancers.push(balancer)
      return { processes: started, balancer }
    },
    clients,
  }
}

async function checkRedis(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${error instanceof Error ? error.message : String(error)}). ` +
        'These tests need it: start it with `redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 ' +
        '--save "" --appendonly no` (as .ci/run does), or set TEST_REDIS_URL.',
    )
  } finally {
    redis.disconnect()
  }
}
