import { resolve } from 'node:path'
import { type Limits, readLimits } from '@tradeoff/shared/limits'
import { z } from 'zod'
import { trustProxyList } from './http/clientAddress'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/./, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'REDIS_PREFIX must be 1-64 letters, digits or : _ . -')
    .default('tradeoff:'),
  PROMPTS_DIR: z.string().min(1).default('./prompts'),
  PUBLIC_URL: z.url().optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  // An empty value (`METRICS_TOKEN=` in a service file) means unset, not a token of ''.
  METRICS_TOKEN: z
    .string()
    .refine((value) => value === '' || value.length >= 16, 'METRICS_TOKEN must be at least 16 characters')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .regex(
      /^[0-9A-Za-z.:/,\s]+$/,
      'TRUST_PROXY must list proxy addresses or CIDR ranges, separated by commas',
    )
    .optional(),
})

const OPTIONAL_WHEN_EMPTY = new Set(['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'TRUST_PROXY'])

/** The server's configuration, read once at start from the environment (README, "Configuration"). */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** PostgreSQL to keep everything in, instead of SQLite in `dataDir`; may hold a password: never log it. */
  databaseUrl: string | null
  /** Redis that several processes share rooms, presence and limits through; may hold a password: never log it. */
  redisUrl: string | null
  /** Put before every Redis key and channel name (several deployments may share one Redis). */
  redisPrefix: string
  promptsDir: string
  /** Base of the links the server hands out, without a trailing slash. */
  publicUrl: string | null
  tldrawLicenseKey: string | null
  adminToken: string | null
  /** When set, `GET /metrics` needs it as the bearer token; never log it. */
  metricsToken: string | null
  logLevel: string
  /**
   * Addresses or ranges (CIDR, or `loopback`, `linklocal`, `uniquelocal`) of the reverse proxies
   * in front of the server: a request from one of them is counted under the client address its
   * `X-Forwarded-For` names. Empty: every request counts under the address it came from.
   */
  trustedProxies: string[]
  /** Every bound on what participants send (`LIMIT_...` variables; README, "Limits"). */
  limits: Limits
}

/** Reads and checks the environment. Throws an Error naming the variable at fault. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  // An empty value means unset, as for METRICS_TOKEN: `DATABASE_URL=` keeps the embedded default.
  const given = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => !(OPTIONAL_WHEN_EMPTY.has(name) && value === '')),
  )
  const parsed = envSchema.safeParse(given)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`bad environment variable ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }
  const e = parsed.data
  if (e.REDIS_URL && !e.DATABASE_URL) {
    // Processes sharing rooms must share their store too: each would otherwise keep its own log.
    throw new Error(
      'bad environment variable REDIS_URL: it needs DATABASE_URL (the processes must share PostgreSQL)',
    )
  }
  const trustedProxies = (e.TRUST_PROXY ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  trustProxyList(trustedProxies) // throws, naming the variable, for an entry that is not an address
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || null,
    redisUrl: e.REDIS_URL || null,
    redisPrefix: e.REDIS_PREFIX,
    promptsDir: resolve(e.PROMPTS_DIR),
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY || null,
    adminToken: e.ADMIN_TOKEN ?? null,
    metricsToken: e.METRICS_TOKEN || null,
    logLevel: e.LOG_LEVEL,
    trustedProxies,
    limits: readLimits(env),
  }
}
