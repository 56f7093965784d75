/**
 * Turns two workload results (ours, baseline) into the printed table, the target verdicts and the
 * JSON written to tests/bench/results/.
 */
import { megabytes, type Summary } from './measure'
import type { WorkloadResult } from './workload'

/** A workload result plus what was seen of the server process itself. */
export interface TargetResult extends WorkloadResult {
  /** Log lines the server printed while benchmarked, by message (warn and above for ours). */
  serverLog: { lines: number; byMessage: Record<string, number>; last: string[] }
  /** Size of the data folder after shutdown (ours only). */
  dataBytes: number | null
  /** From SIGTERM to exit, after the clients left. */
  shutdownSeconds: number
}

export interface Target {
  name: string
  pass: boolean
  detail: string
}

/** What issue 13 holds each tier to: CPU as a share of the reference relay's in the same run. */
export const LIMITS = {
  '2k': { p99Ms: 25, memoryMb: 200, cpuRatio: 0.5 },
  '10k': { p99Ms: 30, memoryMb: 300, cpuRatio: 0.5 },
} as const

export function judge(
  ours: TargetResult,
  baseline: TargetResult | null,
  tier: keyof typeof LIMITS,
): Target[] {
  const limits = LIMITS[tier]
  const p99 = ours.board.latency.p99
  const memory = megabytes(ours.server.peakRssBytes)
  const targets: Target[] = [
    {
      name: 'no lost update',
      pass: ours.board.missing === 0 && ours.board.sentTotal > 0,
      detail: `${ours.board.missing} of ${ours.board.expected} receptions missing`,
    },
    {
      name: `p99 fan-out latency <= ${limits.p99Ms} ms`,
      pass: ours.board.latency.count > 0 && p99 <= limits.p99Ms,
      detail: `${ms(p99)} ms`,
    },
    {
      name: `server peak RSS <= ${limits.memoryMb} MB`,
      pass: memory <= limits.memoryMb,
      detail: `peak RSS ${memory.toFixed(0)} MB`,
    },
  ]
  if (baseline) {
    targets.push({
      name: `CPU <= ${limits.cpuRatio} x the baseline`,
      pass: ours.server.cpuPercent <= limits.cpuRatio * baseline.server.cpuPercent,
      detail:
        `${ours.server.cpuPercent.toFixed(1)} % vs ${baseline.server.cpuPercent.toFixed(1)} % of a core ` +
        `(${(ours.server.cpuPercent / baseline.server.cpuPercent).toFixed(2)} x)`,
    })
  }
  return targets
}

/** Why the load generator itself may have limited the run, for one result. */
export function generatorWarnings(name: string, result: WorkloadResult): string[] {
  const warnings: string[] = []
  const { cpuPercent, eventLoopDelay, lateness } = result.generator
  if (eventLoopDelay.p99 > 20)
    warnings.push(`${name}: generator event-loop delay p99 ${ms(eventLoopDelay.p99)} ms (> 20 ms)`)
  if (cpuPercent > 85) warnings.push(`${name}: generator used ${cpuPercent.toFixed(0)} % of a core (> 85 %)`)
  if (lateness.p99 > 20) warnings.push(`${name}: sends fired late, p99 ${ms(lateness.p99)} ms (> 20 ms)`)
  return warnings
}

/** Other work on the machine that competed with the run, for one result. */
export function machineWarnings(name: string, result: WorkloadResult): string[] {
  const warnings: string[] = []
  if (result.otherCpuPercent > 20)
    warnings.push(
      `${name}: other processes used ${result.otherCpuPercent.toFixed(0)} % of a core during the window`,
    )
  // The generator's threads run on the same cores: its own delays can look fine while it takes
  // the cores the server needed, and then the server's latency includes the wait.
  if (result.server.runQueuePercent > 10)
    warnings.push(
      `${name}: the server waited for a core ${result.server.runQueuePercent.toFixed(0)} % of the window ` +
        '(too few cores for it and the generator threads: try fewer --generators, or more cores)',
    )
  return warnings
}

type Cell = string
type Pick = (r: TargetResult) => Cell

/** The table: one row per measure, columns ours, baseline and, for CPU and memory, the ratio. */
export function formatTable(ours: TargetResult | null, baseline: TargetResult | null): string {
  const rows: Array<[string, Pick, ((r: TargetResult) => number)?]> = [
    ['connections synced / open at end', (r) => `${r.connections.synced} / ${r.connections.openAtEnd}`],
    ['ramp-up (s)', (r) => r.connections.rampSeconds.toFixed(1)],
    ['board updates sent (window / total)', (r) => `${r.board.sent} / ${r.board.sentTotal}`],
    ['fan-out receptions (window)', (r) => String(r.board.latency.count)],
    ...latencyRows('fan-out latency', (r) => r.board.latency),
    ['lost board receptions', (r) => `${r.board.missing} of ${r.board.expected}`],
    ['wait for stragglers after window (s)', (r) => r.drainSeconds.toFixed(2)],
    ['cursor updates sent (window)', (r) => String(r.awareness.sent)],
    [
      'cursor latency p50 / p99 (ms)',
      (r) => `${ms(r.awareness.latency.p50)} / ${ms(r.awareness.latency.p99)}`,
    ],
    ['lost cursor receptions (window)', (r) => `${r.awareness.missing} of ${r.awareness.expected}`],
    ['server CPU (% of one core)', (r) => r.server.cpuPercent.toFixed(1), (r) => r.server.cpuPercent],
    [
      'server CPU user / system (%)',
      (r) => `${r.server.userCpuPercent.toFixed(1)} / ${r.server.systemCpuPercent.toFixed(1)}`,
    ],
    ['server waited for a core (% of window)', (r) => r.server.runQueuePercent.toFixed(1)],
    ['server RSS before connections (MB)', (r) => megabytes(r.server.startRssBytes).toFixed(1)],
    [
      'server peak RSS (MB)',
      (r) => megabytes(r.server.peakRssBytes).toFixed(1),
      (r) => r.server.peakRssBytes,
    ],
    [
      'server RSS at end (MB)',
      (r) => megabytes(r.server.endRssBytes).toFixed(1),
      (r) => r.server.endRssBytes,
    ],
    ['unexpected closes (by code)', (r) => closes(r.connections.lost)],
    ['server log lines (JSON, warn+ for ours)', (r) => String(r.serverLog.lines)],
    [
      'data folder after shutdown (MB)',
      (r) => (r.dataBytes === null ? '-' : megabytes(r.dataBytes).toFixed(1)),
    ],
    ['server shutdown after clients left (s)', (r) => r.shutdownSeconds.toFixed(2)],
    ['generator CPU (% of one core)', (r) => r.generator.cpuPercent.toFixed(1)],
    ['other processes CPU (% of one core)', (r) => r.otherCpuPercent.toFixed(1)],
    [
      'generator loop delay p50/p99/max (ms)',
      (r) =>
        [r.generator.eventLoopDelay.p50, r.generator.eventLoopDelay.p99, r.generator.eventLoopDelay.max]
          .map(ms)
          .join(' / '),
    ],
    [
      'send lateness p99 / max (ms)',
      (r) => `${ms(r.generator.lateness.p99)} / ${ms(r.generator.lateness.max)}`,
    ],
    ['generator thread waited for a core (%)', (r) => r.generator.runQueuePercent.toFixed(1)],
  ]
  const header = ['', 'ours', 'baseline', 'ours/baseline']
  const lines = rows.map(([label, pick, ratioOf]) => [
    label,
    ours ? pick(ours) : '-',
    baseline ? pick(baseline) : '-',
    ratioOf && ours && baseline ? ratio(ratioOf(ours), ratioOf(baseline)) : '',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)))
  const format = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [format(header), rule, ...lines.map(format)].join('\n')
}

function latencyRows(label: string, of: (r: TargetResult) => Summary): Array<[string, Pick]> {
  return [
    [`${label} p50 (ms)`, (r) => ms(of(r).p50)],
    [`${label} p95 (ms)`, (r) => ms(of(r).p95)],
    [`${label} p99 (ms)`, (r) => ms(of(r).p99)],
    [`${label} max (ms)`, (r) => ms(of(r).max)],
  ]
}

function closes(lost: Record<string, number>): string {
  const entries = Object.entries(lost)
  return entries.length === 0 ? '0' : entries.map(([code, count]) => `${count}x${code}`).join(' ')
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : '-'
}

function ms(value: number): string {
  return value.toFixed(value < 10 ? 2 : 1)
}
