import { resolve } from 'node:path'
import { type Limits, readLimits } from '@tradeoff/shared/limits'
import { z } from 'zod'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
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
})

/** The server's configuration, read once at start from the environment (README, "Configuration"). */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** PostgreSQL to keep everything in, instead of SQLite in `dataDir`; may hold a password: never log it. */
  databaseUrl: string | null
  promptsDir: string
  /** Base of the links the server hands out, without a trailing slash. */
  publicUrl: string | null
  tldrawLicenseKey: string | null
  adminToken: string | null
  /** When set, `GET /metrics` needs it as the bearer token; never log it. */
  metricsToken: string | null
  logLevel: string
  /** Every bound on what participants send (`LIMIT_...` variables; README, "Limits"). */
  limits: Limits
}

/** Reads and checks the environment. Throws an Error naming the variable at fault. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`bad environment variable ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || null,
    promptsDir: resolve(e.PROMPTS_DIR),
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY || null,
    adminToken: e.ADMIN_TOKEN ?? null,
    metricsToken: e.METRICS_TOKEN || null,
    logLevel: e.LOG_LEVEL,
    limits: readLimits(env),
  }
}
