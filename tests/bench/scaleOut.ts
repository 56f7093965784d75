/**
 * `npm run bench:scale`: the scale-out benchmark of issue 14. Runs the sync workload of
 * `npm run bench` against our server as one process on SQLite (the embedded default, the
 * reference here), then as 1, 2 and 3 processes sharing one PostgreSQL database and one Redis
 * (a fresh database and key prefix each), with every room's clients spread over the processes so
 * that each update and cursor crosses processes. Reports the CPU the server processes spend per
 * delivered message (and what PostgreSQL and Redis spend), as a ratio to the single SQLite
 * process, and writes tests/bench/results/scale-<date>.json.
 *
 * Every server process runs with the Node flags the product ships with (package.json
 * config.nodeFlags) unless --no-product-flags; the clients run in --generators worker threads.
 *
 *   npm run bench:scale -- --rooms 100 --seconds 15       the default
 *   npm run bench:scale -- --processes 1,3                some counts only
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { Redis } from 'ioredis'
import pg from 'pg'
import { CpuWindow } from './measure'
import { createSessionRooms } from './rooms'
import { killAllChildren, productNodeFlags, type ServerChild, startServerProcess } from './serverProcess'
import { runWorkload, type WorkloadOptions, type WorkloadResult } from './workload'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url))
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const CLOCK_TICKS = 100

interface Run {
  name: string
  processes: number
  storage: 'sqlite' | 'postgresql+redis'
  result: WorkloadResult
  /** Messages delivered to clients in the measured window (board updates and cursors). */
  delivered: number
  /** Server CPU microseconds per delivered message, over every server process. */
  cpuMicrosPerMessage: number
  /** PostgreSQL's and Redis's CPU in the window, % of one core. */
  servicesCpuPercent: { postgres: number; redis: number }
}

function parse(): WorkloadOptions & {
  counts: number[]
  entry: string
  out: string | null
  /** The product's Node flags ([] with --no-product-flags), then --cpu-prof's. */
  nodeArgs: string[]
} {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rooms: { type: 'string', default: '100' },
      clients: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      'update-rate': { type: 'string', default: '1' },
      'awareness-rate': { type: 'string', default: '1' },
      processes: { type: 'string', default: '1,2,3' },
      generators: { type: 'string', default: '1' },
      'no-product-flags': { type: 'boolean', default: false },
      entry: { type: 'string', default: 'server/dist/main.js' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  })
  const number = (name: string, value: string | undefined) => {
    const parsed = Number(value)
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`)
    return parsed
  }
  return {
    rooms: Math.floor(number('rooms', values.rooms)),
    clients: Math.floor(number('clients', values.clients)),
    seconds: number('seconds', values.seconds),
    warmupSeconds: number('warmup', values.warmup),
    updateRate: number('update-rate', values['update-rate']),
    awarenessRate: number('awareness-rate', values['awareness-rate']),
    batch: 100,
    drainSeconds: 5,
    generators: Math.floor(number('generators', values.generators)),
    counts: (values.processes ?? '').split(',').map((n) => Math.floor(number('processes', n))),
    entry: values.entry ?? 'server/dist/main.js',
    out: values.out ?? null,
    nodeArgs: [
      ...(values['no-product-flags'] ? [] : productNodeFlags(ROOT)),
      ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
    ],
  }
}

/** CPU seconds used so far by every process of the machine whose command name is `name`. */
function cpuOfCommand(name: string): number {
  let ticks = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      if (!comm.startsWith(name)) continue
      const fields = stat.slice(close + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // The process ended while it was read.
    }
  }
  return ticks / CLOCK_TICKS
}

const LIMITS = {
  LOG_LEVEL: 'warn',
  // Every simulated client is 127.0.0.1 (README, "Benchmarks").
  LIMIT_UPGRADES_PER_MINUTE: '1000000',
  LIMIT_HTTP_REQUESTS_PER_MINUTE: '1000000',
}

/** Node flags for every server process: the product's, and `--cpu-prof DIR` to profile each. */
let nodeArgs: string[] = []

async function startProcesses(
  count: number,
  env: Record<string, string>,
  entry: string,
): Promise<ServerChild[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      startServerProcess(
        `ours-${i + 1}`,
        [...nodeArgs, entry],
        { PORT: '0', HOST: '127.0.0.1', ...LIMITS, ...env },
        ROOT,
      ),
    ),
  )
}

async function measure(
  name: string,
  storage: Run['storage'],
  servers: ServerChild[],
  adminToken: string,
  options: WorkloadOptions,
): Promise<Run> {
  const rooms = await createSessionRooms(
    (servers[0] as ServerChild).httpUrl,
    options.rooms,
    options.clients,
    adminToken,
  )
  const postgres = new CpuWindow(() => cpuOfCommand('postgres'))
  const redis = new CpuWindow(() => cpuOfCommand('redis-server'))
  postgres.start()
  redis.start()
  const result = await runWorkload(
    servers.map((server) => server.wsUrl),
    rooms,
    servers.map((server) => server.pid),
    options,
    (line) => console.log(`  ${line.trim()}`),
  )
  postgres.stop()
  redis.stop()
  const delivered = result.board.latency.count + result.awareness.latency.count
  const cpuSeconds = (result.server.cpuPercent / 100) * options.seconds
  return {
    name,
    processes: servers.length,
    storage,
    result,
    delivered,
    cpuMicrosPerMessage: delivered > 0 ? (cpuSeconds / delivered) * 1e6 : Number.NaN,
    // Spread over the warm-up and window; close enough to tell the services' share.
    servicesCpuPercent: { postgres: postgres.percent, redis: redis.percent },
  }
}

async function main(): Promise<void> {
  const options = parse()
  nodeArgs = options.nodeArgs
  const adminToken = randomBytes(24).toString('base64url')
  const runs: Run[] = []
  const load = loadavg()
  console.log(
    `scale-out bench: ${options.rooms} rooms x ${options.clients} clients, ${options.updateRate} update/room/s, ` +
      `${options.awarenessRate} cursor/client/s, ${options.seconds} s measured; ${cpus().length} cores, ` +
      `load ${load.map((l) => l.toFixed(2)).join(' ')}; server node flags ${nodeArgs.join(' ') || 'none'}, ` +
      `clients in ${options.generators} thread(s)`,
  )

  const dataDir = mkdtempSync(join(tmpdir(), 'tradeoff-scale-'))
  try {
    console.log('one process on SQLite (the reference)')
    const servers = await startProcesses(1, { DATA_DIR: dataDir, ADMIN_TOKEN: adminToken }, options.entry)
    try {
      runs.push(await measure('sqlite, 1 process', 'sqlite', servers, adminToken, options))
    } finally {
      await Promise.all(servers.map((server) => server.stop()))
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }

  for (const count of options.counts) {
    const database = `tradeoff_bench_${randomBytes(4).toString('hex')}`
    const prefix = `tradeoff-bench-${randomBytes(4).toString('hex')}:`
    await admin(`CREATE DATABASE ${database}`)
    const url = new URL(DATABASE_URL)
    url.pathname = `/${database}`
    console.log(`${count} process${count > 1 ? 'es' : ''} on PostgreSQL and Redis`)
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL,
      REDIS_PREFIX: prefix,
      ADMIN_TOKEN: adminToken,
      DATA_DIR: tmpdir(),
    }
    try {
      // The first process creates the tables; the others find them.
      const first = await startProcesses(1, env, options.entry)
      const servers = [...first, ...(await startProcesses(count - 1, env, options.entry))]
      try {
        runs.push(
          await measure(`postgresql+redis, ${count}`, 'postgresql+redis', servers, adminToken, options),
        )
      } finally {
        await Promise.all(servers.map((server) => server.stop()))
      }
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await dropKeys(prefix)
    }
  }

  const reference = runs[0] as Run
  console.log('')
  console.log(
    'setup                   | delivered/s | server CPU % | us/message | x SQLite | board p99 ms | cursor p99 ms | lost | PG CPU % | Redis CPU %',
  )
  for (const run of runs) {
    const { result } = run
    const lost = Object.values(result.connections.lost).reduce((a, b) => a + b, 0) + result.board.missing
    console.log(
      [
        run.name.padEnd(23),
        (run.delivered / options.seconds).toFixed(0).padStart(11),
        result.server.cpuPercent.toFixed(1).padStart(12),
        run.cpuMicrosPerMessage.toFixed(1).padStart(10),
        (run.cpuMicrosPerMessage / reference.cpuMicrosPerMessage).toFixed(2).padStart(8),
        result.board.latency.p99.toFixed(1).padStart(12),
        result.awareness.latency.p99.toFixed(1).padStart(13),
        String(lost).padStart(4),
        run.servicesCpuPercent.postgres.toFixed(1).padStart(8),
        run.servicesCpuPercent.redis.toFixed(1).padStart(11),
      ].join(' | '),
    )
  }
  const date = new Date().toISOString().slice(0, 10)
  const path = options.out ?? join(RESULTS_DIR, `scale-${date}.json`)
  const summary = runs.map((run) => ({
    name: run.name,
    processes: run.processes,
    storage: run.storage,
    delivered: run.delivered,
    cpuMicrosPerMessage: run.cpuMicrosPerMessage,
    ratioToSqlite: run.cpuMicrosPerMessage / reference.cpuMicrosPerMessage,
    servicesCpuPercent: run.servicesCpuPercent,
    connections: run.result.connections,
    board: {
      sent: run.result.board.sent,
      missing: run.result.board.missing,
      latency: run.result.board.latency,
    },
    awareness: run.result.awareness,
    server: { ...run.result.server, rssTimeline: undefined },
    generator: run.result.generator,
  }))
  writeFileSync(
    path,
    `${JSON.stringify({ date, options: { ...options, counts: options.counts }, machine: { cores: cpus().length, load }, runs: summary }, null, 2)}\n`,
  )
  console.log(`\nresults written to ${relative(ROOT, path)}`)
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL)
  try {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}

main().then(
  () => {
    killAllChildren()
    process.exit(0)
  },
  (error: unknown) => {
    console.error(error)
    killAllChildren()
    process.exit(1)
  },
)
