import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger'

/**
 * A fixed window per key: the count so far and the milliseconds left in the window. KEYS[1] the
 * counter; ARGV[1] the window in ms.
 */
const COUNT_IN_WINDOW = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = tonumber(ARGV[1]) end
return {n, ttl}`

type Answer = Parameters<FastifyRateLimitStore['incr']>[1]
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0]

/** A store class for `@fastify/rate-limit`'s `store` option. */
export type RateStoreClass = FastifyRateLimitStoreCtor

/**
 * A store for `@fastify/rate-limit` that counts requests in Redis, so the HTTP limit holds over
 * every process, and counts in this process alone while Redis fails (logged once per outage),
 * rather than letting every request through or making each one wait for Redis.
 */
export function sharedRateStore(redis: Redis, nameSpace: string, logger: Logger): RateStoreClass {
  const local = new Map<string, { count: number; until: number }>()
  let failing = false
  const countLocally = (key: string, timeWindow: number) => {
    const now = Date.now()
    if (local.size > 10_000) {
      for (const [k, entry] of local) if (entry.until <= now) local.delete(k)
    }
    let entry = local.get(key)
    if (!entry || entry.until <= now) {
      entry = { count: 0, until: now + timeWindow }
      local.set(key, entry)
    }
    entry.count += 1
    return { current: entry.count, ttl: entry.until - now }
  }
  class SharedRateStore implements FastifyRateLimitStore {
    constructor(
      _params: unknown,
      private readonly prefix = nameSpace,
    ) {}

    incr(key: string, answer: Answer, timeWindow: number): void {
      const name = this.prefix + key
      redis.eval(COUNT_IN_WINDOW, 1, name, timeWindow).then(
        (result) => {
          failing = false
          const [current, ttl] = result as [number, number]
          answer(null, { current, ttl })
        },
        (error: unknown) => {
          if (!failing)
            logger.warn({ err: error }, 'cluster: counting requests in Redis failed; counting alone')
          failing = true
          answer(null, countLocally(name, timeWindow))
        },
      )
    }

    /** A route with limits of its own counts apart (the plugin passes the route as `routeInfo`). */
    child(routeOptions: RouteOptions): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo
      return new SharedRateStore(null, `${this.prefix}${String(route?.method)}${String(route?.url)}-`)
    }
  }
  return SharedRateStore
}
