/**
 * The benchmark workload against one server: rooms of clients connect in batches, then every room
 * writes one board update a second (writers take turns) and every client sends one cursor a second,
 * spread evenly over the second. Fan-out latency is measured from the writer's `set` to each other
 * client's receipt; after the window, stragglers get `drainSeconds` before missing ones count as lost.
 *
 * The clients run in `generators` worker threads (shard.ts), room r in shard r mod generators, so
 * that at 10,000 sockets the generator's own GC pauses do not become the latency measured. This
 * module is the coordinator, on the main thread: it starts the shards, gives them one start time
 * once all are synced, measures the server (CPU in the window, memory throughout) and merges what
 * the shards measured into one result.
 */
import {
  CpuWindow,
  cpuSeconds,
  cpuSplit,
  MemorySampler,
  machineBusySeconds,
  ownCpuSeconds,
  runQueueSeconds,
  Samples,
  type Summary,
} from './measure'
import type { RoomAddress } from './rooms'
import type { ShardConfig, ShardResult, ShardSchedule } from './shard'
import { ShardPool } from './shardPool'

export interface WorkloadOptions {
  rooms: number
  clients: number
  warmupSeconds: number
  seconds: number
  /** Board updates per room per second. */
  updateRate: number
  /** Awareness updates per client per second. */
  awarenessRate: number
  /** Connections opened at once while ramping up. */
  batch: number
  /** How long to wait for stragglers after the window. */
  drainSeconds: number
  /** Worker threads the clients are spread over (whole rooms each). */
  generators: number
}

export interface WorkloadResult {
  connections: {
    expected: number
    synced: number
    openAtEnd: number
    rampSeconds: number
    lost: Record<string, number>
  }
  board: {
    /** Updates sent in the measured window. */
    sent: number
    /** Updates sent in warm-up and window. */
    sentTotal: number
    /** Receptions of window updates, and their fan-out latency. */
    latency: Summary
    /** Receptions that never arrived (warm-up and window updates). */
    missing: number
    expected: number
  }
  awareness: { sent: number; latency: Summary; missing: number; expected: number }
  /** How long stragglers took to arrive after the window (drainSeconds when some never did). */
  drainSeconds: number
  server: {
    cpuPercent: number
    /** The same CPU split: user space, and the kernel (syscalls, loopback TCP). */
    userCpuPercent: number
    systemCpuPercent: number
    /** Time its main thread was ready to run but waited for a core, % of the window (summed over processes). */
    runQueuePercent: number
    startRssBytes: number
    peakRssBytes: number
    endRssBytes: number
    /** RSS every 500 ms, [seconds, MB], and when the phases began (seconds, same clock). */
    rssTimeline: Array<[number, number]>
    phases: { rampEnd: number; windowStart: number; windowEnd: number }
  }
  /** CPU used in the window by everything else on the machine (% of one core). */
  otherCpuPercent: number
  generator: {
    /** The whole process: the coordinator and every shard's thread. */
    cpuPercent: number
    /** Event-loop delay beyond the monitor's 10 ms timer, ms: the worst shard's of each figure. */
    eventLoopDelay: { p50: number; p99: number; max: number }
    /** How late the pacers fired events, ms, over all shards. */
    lateness: Summary
    /** Time the busiest shard's thread was ready to run but waited for a core, % of the window. */
    runQueuePercent: number
  }
}

/** From the coordinator's start message to the first event: time for every shard to receive it. */
const START_MARGIN_MS = 100
/** After the window and drain, how long the shards have to send their results. */
const RESULTS_TIMEOUT_MS = 60_000

/** Now as a wall time in ms, comparable between threads (each has its own `performance.now()`). */
function wallNow(): number {
  return performance.timeOrigin + performance.now()
}

/**
 * Runs the workload against `wsUrl`, one room per address; `serverPid` is the process whose CPU
 * and memory are read. With several server processes (`npm run bench:scale`), `wsUrl` lists them
 * and client c of room r connects to process (r + c) mod n, so every room spans processes; CPU is
 * summed over `serverPid`'s processes and peak RSS is that of the largest. Rejects if a generator
 * shard fails.
 */
export async function runWorkload(
  wsUrl: string | readonly string[],
  addresses: RoomAddress[],
  serverPid: number | readonly number[],
  options: WorkloadOptions,
  log: (line: string) => void,
): Promise<WorkloadResult> {
  const pids = typeof serverPid === 'number' ? [serverPid] : serverPid
  const urls = typeof wsUrl === 'string' ? [wsUrl] : [...wsUrl]
  const memories = pids.map((pid) => new MemorySampler(pid, 500))
  const memory = memories[0] as MemorySampler
  const startRssBytes = Math.max(...memories.map((m) => m.lastBytes))
  const sum = (read: (pid: number) => number) => () => pids.reduce((total, pid) => total + read(pid), 0)
  const cpu = {
    server: new CpuWindow(sum(cpuSeconds)),
    serverUser: new CpuWindow(sum((pid) => cpuSplit(pid).user)),
    serverSystem: new CpuWindow(sum((pid) => cpuSplit(pid).system)),
    serverRunQueue: new CpuWindow(sum(runQueueSeconds)),
    generator: new CpuWindow(ownCpuSeconds),
    machine: new CpuWindow(machineBusySeconds),
  }
  // Phases on the RSS timeline's clock: seconds since the memory sampler started.
  const since = (at: number) => Math.round((at - memory.startedAt) / 100) / 10
  const local = (wall: number) => wall - performance.timeOrigin

  if (addresses.length < options.rooms)
    throw new Error(`${options.rooms} rooms but ${addresses.length} addresses`)
  const shards = Math.max(1, Math.min(options.generators, options.rooms))
  const configs: ShardConfig[] = Array.from({ length: shards }, (_, shard) => ({
    shard,
    shards,
    urls,
    rooms: addresses
      .slice(0, options.rooms)
      .flatMap((address, index) => (index % shards === shard ? [{ index, address }] : [])),
    clients: options.clients,
    updateRate: options.updateRate,
    awarenessRate: options.awarenessRate,
    // Together the shards open about `batch` connections at once, as one generator did.
    batch: Math.max(1, Math.round(options.batch / shards)),
    drainSeconds: options.drainSeconds,
  }))

  let pool: ShardPool | null = null
  try {
    pool = await ShardPool.start(configs)
    const rampStart = performance.now()
    pool.send({ type: 'ramp' })
    // Each shard gives up on a batch that does not sync (shard.ts), so this wait has an end.
    await pool.collect('synced')
    const rampEnd = performance.now()
    const total = options.rooms * options.clients
    log(
      `  ${total} connections synced in ${((rampEnd - rampStart) / 1000).toFixed(1)} s ` +
        `(${shards} generator thread${shards > 1 ? 's' : ''}); warming up ${options.warmupSeconds} s`,
    )

    const startAt = wallNow() + START_MARGIN_MS
    const windowStart = startAt + options.warmupSeconds * 1000
    const schedule: ShardSchedule = { startAt, windowStart, windowEnd: windowStart + options.seconds * 1000 }
    pool.send({ type: 'start', ...schedule })
    await pool.watch(sleep(local(schedule.windowStart) - performance.now()))
    for (const meter of Object.values(cpu)) meter.start()
    await pool.watch(sleep(local(schedule.windowEnd) - performance.now()))
    for (const meter of Object.values(cpu)) meter.stop()
    const drainLimit = options.drainSeconds * 1000 + RESULTS_TIMEOUT_MS
    const results = (await pool.collect('done', drainLimit)).map((message) => message.result)

    for (const each of memories) each.sample()
    pool.send({ type: 'close' })
    pool.release()
    const perShard = results.map((r) => r.eventLoopDelay.max.toFixed(1)).join(' / ')
    if (shards > 1) log(`  generator threads' event-loop delay max: ${perShard} ms`)

    const merged = mergeShards(results, options.clients)
    return {
      ...merged,
      connections: { ...merged.connections, rampSeconds: (rampEnd - rampStart) / 1000 },
      server: {
        cpuPercent: cpu.server.percent,
        userCpuPercent: cpu.serverUser.percent,
        systemCpuPercent: cpu.serverSystem.percent,
        runQueuePercent: cpu.serverRunQueue.percent,
        startRssBytes,
        peakRssBytes: Math.max(...memories.map((m) => m.peakBytes)),
        endRssBytes: Math.max(...memories.map((m) => m.lastBytes)),
        rssTimeline: memory.timeline,
        phases: {
          rampEnd: since(rampEnd),
          windowStart: since(local(schedule.windowStart)),
          windowEnd: since(local(schedule.windowEnd)),
        },
      },
      otherCpuPercent: Math.max(0, cpu.machine.percent - cpu.server.percent - cpu.generator.percent),
      generator: { ...merged.generator, cpuPercent: cpu.generator.percent },
    }
  } catch (error) {
    await pool?.terminate()
    throw error
  } finally {
    for (const each of memories) each.stop()
  }
}

/** What the shards measured, as one result: counts summed, percentiles over all their samples. */
function mergeShards(
  results: ShardResult[],
  clients: number,
): Pick<WorkloadResult, 'board' | 'awareness' | 'drainSeconds'> & {
  connections: Omit<WorkloadResult['connections'], 'rampSeconds'>
  generator: Omit<WorkloadResult['generator'], 'cpuPercent'>
} {
  const total = (of: (r: ShardResult) => number) => results.reduce((sum, r) => sum + of(r), 0)
  const worst = (of: (r: ShardResult) => number) => Math.max(...results.map(of))
  const lost: Record<string, number> = {}
  for (const result of results)
    for (const [code, count] of Object.entries(result.lost)) lost[code] = (lost[code] ?? 0) + count
  const boardSentTotal = total((r) => r.board.sentTotal)
  const awarenessSent = total((r) => r.awareness.sent)
  return {
    connections: {
      expected: total((r) => r.expected),
      synced: total((r) => r.synced),
      openAtEnd: total((r) => r.openAtEnd),
      lost,
    },
    // The shards drained at once: the run waited as long as the slowest.
    drainSeconds: worst((r) => r.drainSeconds),
    board: {
      sent: total((r) => r.board.sent),
      sentTotal: boardSentTotal,
      latency: Samples.merged(results.map((r) => r.board.latencies)).summary(),
      missing: total((r) => r.board.missing),
      expected: boardSentTotal * (clients - 1),
    },
    awareness: {
      sent: awarenessSent,
      latency: Samples.merged(results.map((r) => r.awareness.latencies)).summary(),
      missing: total((r) => r.awareness.missing),
      expected: awarenessSent * (clients - 1),
    },
    generator: {
      // Each shard's delay holds up only its own rooms: the worst shard bounds what they saw.
      eventLoopDelay: {
        p50: worst((r) => r.eventLoopDelay.p50),
        p99: worst((r) => r.eventLoopDelay.p99),
        max: worst((r) => r.eventLoopDelay.max),
      },
      lateness: Samples.merged(results.map((r) => r.lateness)).summary(),
      runQueuePercent: worst((r) => r.runQueuePercent),
    },
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
