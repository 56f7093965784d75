/**
 * `npm run bench`: the sync load benchmark. Starts our server (validation and SQLite persistence
 * on, fresh data folder, the Node flags it ships with from package.json config.nodeFlags) and then
 * the baseline (@y/websocket-server 0.1.1, in memory), each as its own child process on 127.0.0.1,
 * runs the same workload against each in turn, prints a table and writes
 * tests/bench/results/sync-<date>.json. The clients run in this process, spread over
 * `--generators` worker threads (workload.ts) so that one thread's pauses do not hold up every room.
 * On the same machine they compete with the server for cores: "server waited for a core" says how
 * much of the latency that cost.
 *
 *   npm run bench -- --rooms 50 --seconds 5      a quick run
 *   npm run bench -- --help                      every flag (benchOptions.ts)
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Options, parseOptions, resultsPath } from './benchOptions'
import { megabytes } from './measure'
import { formatTable, generatorWarnings, judge, machineWarnings, type TargetResult } from './report'
import { baselineRooms, createSessionRooms } from './rooms'
import { killAllChildren, startServerProcess } from './serverProcess'
import { runWorkload } from './workload'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

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
      ...options.productNodeFlags,
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
  const flags = [...options.productNodeFlags, ...options.serverNodeArgs].join(' ') || 'none'
  log(`ours: pid ${server.pid} at ${server.wsUrl} (${entry}, node flags ${flags}), data in ${dataDir}`)
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

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2))
  keepData = options.keepData
  const started = performance.now()
  const startedAt = new Date()
  const load = loadavg()
  log(
    `sync bench, tier ${options.tier}: ${options.rooms} rooms x ${options.clients} clients = ${options.rooms * options.clients} connections, ` +
      `${options.updateRate} board update/room/s, ${options.awarenessRate} cursor/client/s, ` +
      `${options.warmupSeconds} s warm-up + ${options.seconds} s measured; clients in ${options.generators} thread(s)`,
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
    log('the machine was short of CPU (CPU and latency figures are less reliable):')
    for (const warning of busy) log(`  ${warning}`)
  }
  if (ours && Object.keys(ours.serverLog.byMessage).length > 0) {
    log('')
    log('our server logged (warn and above):')
    for (const [message, count] of Object.entries(ours.serverLog.byMessage)) log(`  ${count} x ${message}`)
  }

  const durationSeconds = (performance.now() - started) / 1000
  const path = resultsPath(options, startedAt.toISOString().slice(0, 10))
  mkdirSync(dirname(path), { recursive: true })
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
