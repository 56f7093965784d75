/**
 * Measuring for the sync benchmark: a child process's CPU and memory from /proc, and latency
 * summaries (p50/p95/p99). Linux only, like the machine the benchmark targets.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = readClockTicks()

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100
  } catch {
    return 100
  }
}

/** CPU seconds (user + system, all threads) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuSplit(pid)
  return user + system
}

/** CPU seconds a process has used so far in user space and in the kernel (syscalls), all threads. */
export function cpuSplit(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // Field 3 (state) is fields[0], so utime (field 14) is fields[11] and stime (field 15) fields[12].
  return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS }
}

/**
 * Seconds a process's main thread (or with 'thread-self', the calling thread) has spent runnable
 * but waiting for a core, from schedstat. It grows when the machine is short of cores, and every
 * message that thread handles meanwhile waits too: latency the server itself did not cause.
 */
export function runQueueSeconds(pid: number | 'thread-self'): number {
  const path = pid === 'thread-self' ? '/proc/thread-self/schedstat' : `/proc/${pid}/task/${pid}/schedstat`
  try {
    return Number(readFileSync(path, 'utf8').split(' ')[1]) / 1e9
  } catch {
    return 0 // no schedstat (kernel without CONFIG_SCHED_INFO) or the thread is gone
  }
}

/** CPU seconds all cores of the machine have spent busy (not idle or waiting on I/O) since boot. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number)
  const total = ticks.reduce((sum, t) => sum + t, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return (total - idle) / CLOCK_TICKS
}

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM), in bytes. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  return match?.[1] ? Number(match[1]) * 1024 : 0
}

/** Samples a process's resident memory every `intervalMs` and keeps the peak. */
export class MemorySampler {
  peakBytes = 0
  lastBytes = 0
  /** Every sample: seconds since the sampler started, and MB. */
  readonly timeline: Array<[number, number]> = []
  /** `performance.now()` when sampling began: the timeline's zero. */
  readonly startedAt = performance.now()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly pid: number,
    intervalMs = 500,
  ) {
    this.sample()
    this.timer = setInterval(() => this.sample(), intervalMs)
  }

  sample(): void {
    try {
      this.lastBytes = statusBytes(this.pid, 'VmRSS')
      this.peakBytes = Math.max(this.peakBytes, this.lastBytes)
      const seconds = (performance.now() - this.startedAt) / 1000
      this.timeline.push([Math.round(seconds * 10) / 10, Math.round(megabytes(this.lastBytes) * 10) / 10])
    } catch {
      // The process is gone; keep what was seen.
    }
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

/**
 * Measures CPU use between `start` and `stop` as a percentage of one core: of a process
 * (`cpuSeconds(pid)`), of this process, or of the whole machine (`machineBusySeconds`).
 */
export class CpuWindow {
  private startCpu = 0
  private startAt = 0
  percent = 0

  constructor(private readonly read: () => number) {}

  start(): void {
    this.startCpu = this.read()
    this.startAt = performance.now()
  }

  stop(): void {
    const seconds = (performance.now() - this.startAt) / 1000
    this.percent = seconds > 0 ? ((this.read() - this.startCpu) / seconds) * 100 : 0
  }
}

/** CPU seconds this process has used so far. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}

/** Count and percentiles of a set of durations, in milliseconds. */
export interface Summary {
  count: number
  mean: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** A growable list of durations (ms) with nearest-rank percentiles. */
export class Samples {
  private data = new Float64Array(1024)
  private length = 0

  /** All the samples of several lists (from `values()` of each, e.g. one per generator thread). */
  static merged(parts: readonly Float64Array[]): Samples {
    const samples = new Samples()
    const total = parts.reduce((sum, part) => sum + part.length, 0)
    samples.data = new Float64Array(Math.max(1024, total))
    for (const part of parts) {
      samples.data.set(part, samples.length)
      samples.length += part.length
    }
    return samples
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }

  get count(): number {
    return this.length
  }

  /** A copy of the samples, in the order pushed (its buffer can be transferred to another thread). */
  values(): Float64Array {
    return this.data.slice(0, this.length)
  }

  summary(): Summary {
    const sorted = this.data.slice(0, this.length).sort()
    let total = 0
    for (const value of sorted) total += value
    return {
      count: this.length,
      mean: this.length > 0 ? total / this.length : 0,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: this.length > 0 ? (sorted[this.length - 1] ?? 0) : 0,
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0
}

/** Bytes to megabytes (MiB), for the table. */
export function megabytes(bytes: number): number {
  return bytes / (1024 * 1024)
}
