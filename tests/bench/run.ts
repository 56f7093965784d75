/**
 * `npm run bench`: the sync load benchmark. Starts our server (validation and SQLite persistence
 * on, fresh data folder) and then the baseline (@y/websocket-server 0.1.1, in memory), each as its
 * own child process on 127.0.0.1, runs the same workload against each in turn, prints a table and
 * writes tests/bench/results/sync-<date>.json.
 *
 *   npm run bench -- --rooms 50 --seconds 5      a quick run
 *   npm run bench -- --help                      every flag
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { megabytes } from './measure'
import { formatTable, generatorWarnings, judge, machineWarnings, type TargetResult } from './report'
import { baselineRooms, createSessionRooms } from './rooms'
import { killAllChildren, startServerProcess } from './serverProcess'
import { runWorkload, type WorkloadOptions } from './workload'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url))

/** Every number of the workload, with its flag and default. */
/**
 * The two tiers of issue 13, both at the same total message rate (500 board updates and 2,000
 * cursors a second): 2k = 500 rooms x 4 clients, one update per room and one cursor per client a
 * second; 10k = 2,500 rooms x 4 clients, a fifth of each rate. A flag given with --tier wins.
 */
const TIERS = {
  '2k': { rooms: 500, 'update-rate': 1, 'awareness-rate': 1 },
  '10k': { rooms: 2500, 'update-rate': 0.2, 'awareness-rate': 0.2 },
} as const
type Tier = keyof typeof TIERS

const NUMBER_FLAGS = {
  rooms: { default: 500, help: 'rooms (board documents)' },
  clients: { default: 4, help: 'clients per room' },
  warmup: { default: 5, help: 'warm-up seconds before the measured window' },
  seconds: { default: 20, help: 'measured seconds' },
  'update-rate': { default: 1, help: 'board updates per room per second' },
  'awareness-rate': { default: 1, help: 'cursor updates per client per second' },
  batch: { default: 100, help: 'connections opened at once while ramping up' },
  drain: { default: 5, help: 'seconds to wait for stragglers after the window' },
  pause: { default: 2, help: 'seconds between the two runs' },
} as const
type NumberFlag = keyof typeof NUMBER_FLAGS

interface Options extends WorkloadOptions {
  tier: Tier
  only: 'ours' | 'baseline' | null
  out: string | null
  /** A built server file to run instead of the TypeScript source through tsx. */
  entry: string | null
  /** Node flags that make each server write a CPU profile. */
  serverNodeArgs: string[]
  keepData: boolean
  check: boolean
  /** Also run the floor relay (tests/bench/floorServer.mjs), after the baseline. */
  floor: boolean
  pauseSeconds: number
}

function parseOptions(argv: string[]): Options {
  const numberOptions = Object.fromEntries(
    Object.keys(NUMBER_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
  )
  const { values } = parseArgs({
    args: argv,
    options: {
      ...numberOptions,
      tier: { type: 'string', default: '2k' },
      only: { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'node-flags': { type: 'string' },
      entry: { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      floor: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log('npm run bench -- [flags]\n')
    for (const [flag, { default: value, help }] of Object.entries(NUMBER_FLAGS))
      console.log(`  --${flag.padEnd(16)} ${help} (default ${value})`)
    console.log(`  --${'tier'.padEnd(16)} 2k | 10k: 500 rooms at 1/s or 2,500 rooms at 0.2/s (default 2k)`)
    console.log(`  --${'only'.padEnd(16)} ours | baseline: run one server only`)
    console.log(`  --${'out'.padEnd(16)} JSON results file (default tests/bench/results/sync-<date>.json)`)
    console.log(`  --${'keep-data'.padEnd(16)} keep our server's data folder`)
    console.log(
      `  --${'entry'.padEnd(16)} FILE: run our server from a built file (server/dist/main.js), not tsx`,
    )
    console.log(`  --${'cpu-prof'.padEnd(16)} DIR: write a V8 CPU profile of each server into DIR`)
    console.log(
      `  --${'node-flags'.padEnd(16)} "FLAGS": more Node flags for every server run (ours, baseline, floor alike)`,
    )
    console.log(`  --${'check'.padEnd(16)} exit 1 when a target is missed`)
    console.log(
      `  --${'floor'.padEnd(16)} also run a relay that only forwards frames: the least any server can cost`,
    )
    process.exit(0)
  }
  const raw = values as Record<string, string | boolean | undefined>
  const tier = values.tier as Tier
  if (!(tier in TIERS)) throw new Error(`--tier is ${Object.keys(TIERS).join(' or ')}, not ${tier}`)
  const tierDefaults: Partial<Record<NumberFlag, number>> = TIERS[tier]
  const number = (flag: NumberFlag): number => {
    const given = raw[flag]
    const value =
      typeof given === 'string' ? Number(given) : (tierDefaults[flag] ?? NUMBER_FLAGS[flag].default)
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a number >= 0, not ${given}`)
    return value
  }
  const only = values.only ?? null
  if (only !== null && only !== 'ours' && only !== 'baseline') throw new Error('--only is ours or baseline')
  const options: Options = {
    tier,
    rooms: Math.floor(number('rooms')),
    clients: Math.floor(number('clients')),
    warmupSeconds: number('warmup'),
    seconds: number('seconds'),
    updateRate: number('update-rate'),
    awarenessRate: number('awareness-rate'),
    batch: Math.max(1, Math.floor(number('batch'))),
    drainSeconds: number('drain'),
    pauseSeconds: number('pause'),
    only,
    out: values.out ?? null,
    entry: values.entry ?? null,
    serverNodeArgs: [
      ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
      ...(values['node-flags']?.split(/\s+/).filter((flag) => flag !== '') ?? []),
    ],
    keepData: values['keep-data'] ?? false,
    check: values.check ?? false,
    floor: values.floor ?? false,
  }
  if (options.rooms < 1 || options.clients < 2 || options.seconds <= 0)
    throw new Error('need --rooms >= 1, --clients >= 2 and --seconds > 0')
  return options
}

/** Our servers' temporary data folders, removed on exit unless --keep-data. */
const dataDirs = new Set<string>()
let keepData = false

function cleanUp(): void {
  killAllChildren()
  if (keepData) return
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
  dataDirs.clear()
}

function log(line: string): void {
  console.log(line)
}

async function benchOurs(options: Options): Promise<TargetResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradeoff-bench-'))
  dataDirs.add(dataDir)
  const adminToken = randomBytes(24).toString('base64url')
  const server = await startServerProcess(
    'ours',
    [
      ...options.serverNodeArgs,
      ...(options.entry ? [options.entry] : ['--import', 'tsx', 'server/src/main.ts']),
    ],
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_TOKEN: adminToken,
      // Every simulated client connects from 127.0.0.1: the per-address limits (README, "Limits")
      // are raised so one address may open thousands of sockets and create thousands of sessions.
      LIMIT_UPGRADES_PER_MINUTE: '1000000',
      LIMIT_HTTP_REQUESTS_PER_MINUTE: '1000000',
    },
    ROOT,
  )
  const entry = options.entry ?? 'tsx server/src/main.ts'
  log(`ours: pid ${server.pid} at ${server.wsUrl} (${entry}), data in ${dataDir}`)
  try {
    const started = performance.now()
    const rooms = await createSessionRooms(server.httpUrl, options.rooms, options.clients, adminToken)
    log(`  ${rooms.length} sessions created in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const result = await runWorkload(server.wsUrl, rooms, server.pid, options, log)
    const shutdownSeconds = await timed(() => server.stop())
    return { ...result, serverLog: logOf(server.output), dataBytes: folderBytes(dataDir), shutdownSeconds }
  } finally {
    await server.stop()
    if (!options.keepData) {
      rmSync(dataDir, { recursive: true, force: true })
      dataDirs.delete(dataDir)
    }
  }
}

/** The baseline (@y/websocket-server), or with `floor` the relay that only forwards frames. */
async function benchBaseline(options: Options, floor = false): Promise<TargetResult> {
  const name = floor ? 'floor' : 'baseline'
  const script = floor ? 'tests/bench/floorServer.mjs' : 'tests/bench/baselineServer.mjs'
  const server = await startServerProcess(
    name,
    [...options.serverNodeArgs, join(ROOT, script)],
    { PORT: '0', HOST: '127.0.0.1' },
    ROOT,
  )
  const what = floor ? 'forwards frames only, no document' : '@y/websocket-server 0.1.1, in memory'
  log(`${name}: pid ${server.pid} at ${server.wsUrl} (${what})`)
  try {
    const result = await runWorkload(server.wsUrl, baselineRooms(options.rooms), server.pid, options, log)
    const shutdownSeconds = await timed(() => server.stop())
    return { ...result, serverLog: logOf(server.output), dataBytes: null, shutdownSeconds }
  } finally {
    await server.stop()
  }
}

function logOf(output: {
  lines: number
  byMessage: Map<string, number>
  last: string[]
}): TargetResult['serverLog'] {
  return { lines: output.lines, byMessage: Object.fromEntries(output.byMessage), last: [...output.last] }
}

async function timed(action: () => Promise<void>): Promise<number> {
  const start = performance.now()
  await action()
  return (performance.now() - start) / 1000
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

function resultsPath(options: Options, date: string): string {
  if (options.out) return options.out
  const tierDefaults: Partial<Record<NumberFlag, number>> = TIERS[options.tier]
  const isDefault = (Object.keys(NUMBER_FLAGS) as NumberFlag[]).every(
    (flag) =>
      flag === 'pause' || flagValue(options, flag) === (tierDefaults[flag] ?? NUMBER_FLAGS[flag].default),
  )
  const tier = options.tier === '2k' ? '' : `-${options.tier}`
  const suffix = isDefault ? tier : `-${options.rooms}x${options.clients}-${options.seconds}s`
  return join(RESULTS_DIR, `sync-${date}${suffix}.json`)
}

function flagValue(options: Options, flag: NumberFlag): number {
  const byFlag: Record<NumberFlag, number> = {
    rooms: options.rooms,
    clients: options.clients,
    warmup: options.warmupSeconds,
    seconds: options.seconds,
    'update-rate': options.updateRate,
    'awareness-rate': options.awarenessRate,
    batch: options.batch,
    drain: options.drainSeconds,
    pause: options.pauseSeconds,
  }
  return byFlag[flag]
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2))
  keepData = options.keepData
  const started = performance.now()
  const startedAt = new Date()
  const load = loadavg()
  log(
    `sync bench, tier ${options.tier}: ${options.rooms} rooms x ${options.clients} clients = ${options.rooms * options.clients} connections, ` +
      `${options.updateRate} board update/room/s, ${options.awarenessRate} cursor/client/s, ` +
      `${options.warmupSeconds} s warm-up + ${options.seconds} s measured`,
  )
  log(
    `machine: ${cpus().length} cores, load average ${load.map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`,
  )

  let ours: TargetResult | null = null
  let baseline: TargetResult | null = null
  if (options.only !== 'baseline') ours = await benchOurs(options)
  if (!options.only) await new Promise((resolve) => setTimeout(resolve, options.pauseSeconds * 1000))
  if (options.only !== 'ours') baseline = await benchBaseline(options)
  let floor: TargetResult | null = null
  if (options.floor) {
    await new Promise((resolve) => setTimeout(resolve, options.pauseSeconds * 1000))
    floor = await benchBaseline(options, true)
  }

  log('')
  log(formatTable(ours, baseline))
  log('')
  if (floor) {
    const { cpuPercent, userCpuPercent, systemCpuPercent } = floor.server
    const ofBaseline = baseline
      ? ` (${(cpuPercent / baseline.server.cpuPercent).toFixed(2)} x the baseline)`
      : ''
    log(
      `floor relay: CPU ${cpuPercent.toFixed(1)} % of a core${ofBaseline}, user ${userCpuPercent.toFixed(1)} / ` +
        `system ${systemCpuPercent.toFixed(1)}; fan-out p99 ${floor.board.latency.p99.toFixed(1)} ms; ` +
        `peak RSS ${megabytes(floor.server.peakRssBytes).toFixed(0)} MB`,
    )
    log('')
  }
  const targets = ours ? judge(ours, baseline, options.tier) : []
  if (targets.length > 0) {
    log('targets (ours):')
    for (const target of targets) log(`  [${target.pass ? 'PASS' : 'FAIL'}] ${target.name}: ${target.detail}`)
  }
  const warnings = [
    ...(ours ? generatorWarnings('ours', ours) : []),
    ...(baseline ? generatorWarnings('baseline', baseline) : []),
  ]
  if (warnings.length > 0) {
    log('')
    log('the load generator may have been the bottleneck (latencies include its own delay):')
    for (const warning of warnings) log(`  ${warning}`)
  } else {
    log(`load generator: not a bottleneck (event-loop delay p99 and send lateness p99 under 20 ms)`)
  }
  const busy = [
    ...(ours ? machineWarnings('ours', ours) : []),
    ...(baseline ? machineWarnings('baseline', baseline) : []),
  ]
  if (busy.length > 0) {
    log('')
    log('the machine was not quiet (CPU and latency figures are less reliable):')
    for (const warning of busy) log(`  ${warning}`)
  }
  if (ours && Object.keys(ours.serverLog.byMessage).length > 0) {
    log('')
    log('our server logged (warn and above):')
    for (const [message, count] of Object.entries(ours.serverLog.byMessage)) log(`  ${count} x ${message}`)
  }

  const durationSeconds = (performance.now() - started) / 1000
  const path = resultsPath(options, startedAt.toISOString().slice(0, 10))
  mkdirSync(RESULTS_DIR, { recursive: true })
  const ratios =
    ours && baseline
      ? {
          cpu: ours.server.cpuPercent / baseline.server.cpuPercent,
          memory: ours.server.peakRssBytes / baseline.server.peakRssBytes,
        }
      : null
  const json = {
    date: startedAt.toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      node: process.version,
      loadAverageAtStart: load,
    },
    options,
    durationSeconds,
    ours,
    baseline,
    floor,
    ratios,
    targets,
    generatorWarnings: warnings,
    machineWarnings: busy,
    peakRssMb: {
      ours: ours ? megabytes(ours.server.peakRssBytes) : null,
      baseline: baseline ? megabytes(baseline.server.peakRssBytes) : null,
    },
  }
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`)
  log('')
  log(`results written to ${relative(ROOT, path)}; whole run took ${durationSeconds.toFixed(0)} s`)
  return options.check && targets.some((target) => !target.pass) ? 1 : 0
}

process.on('exit', () => cleanUp())
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`)
    cleanUp()
    process.exit(130)
  })
}

main().then(
  (code) => {
    cleanUp()
    process.exit(code)
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    cleanUp()
    process.exit(1)
  },
)
