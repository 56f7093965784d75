import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { page, rectangle } from '../support/records'
import { ROOT } from '../support/server'
import type { TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

/** What the canary measured: the delay from one honest client's write until the other saw it. */
export interface CanaryReport {
  writes: number
  seen: number
  /** Writes the other client never saw (counted in the percentiles at the delay they reached). */
  lost: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Close codes either canary client received (a healthy run has none). */
  closeCodes: number[]
}

export interface Canary {
  /** Stops writing, waits briefly for writes in flight, and reports. */
  stop(): Promise<CanaryReport>
  destroy(): void
}

const SHAPES = 16
const IN_FLIGHT_GRACE_MS = 2_000

/** The value at `fraction` (0..1) of `sorted`, or 0 when empty. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0
}

const round = (ms: number) => Math.round(ms * 10) / 10

/**
 * Two honest y-websocket clients (an interviewer and the candidate) on a session nobody
 * attacks. Each ~`intervalMs` one of them, in turn, moves one of a few shapes with a sequence
 * number in its `meta`; the other reports when it sees that number.
 */
export async function startCanary(wsUrl: string, session: TestSession, intervalMs = 200): Promise<Canary> {
  const clients: [SyncClient, SyncClient] = [
    connectClient(wsUrl, session, { role: 'interviewer' }),
    connectClient(wsUrl, session, { role: 'candidate' }),
  ]
  const ready = Promise.all(clients.map((c) => c.synced))
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('the canary clients did not sync within 10 s')), 10_000).unref(),
  )
  await Promise.race([ready, timeout])
  const [first, second] = clients
  first.records.set('page:page', page())

  const sent = new Map<number, { at: number; reader: SyncClient }>()
  const latencies: number[] = []
  for (const reader of clients) {
    reader.records.observe((event) => {
      const now = performance.now()
      for (const key of event.keysChanged) {
        const seq = (reader.records.get(key) as { meta?: { seq?: number } } | undefined)?.meta?.seq
        const pending = seq === undefined ? undefined : sent.get(seq)
        if (seq === undefined || !pending || pending.reader !== reader) continue
        latencies.push(now - pending.at)
        sent.delete(seq)
      }
    })
  }

  let seq = 0
  const timer = setInterval(() => {
    seq++
    const writer = seq % 2 === 0 ? first : second
    const reader = writer === first ? second : first
    const name = `canary${seq % SHAPES}`
    sent.set(seq, { at: performance.now(), reader })
    writer.records.set(`shape:${name}`, {
      ...rectangle(name, (seq * 13) % 800, (seq * 7) % 600),
      meta: { seq },
    })
  }, intervalMs)

  return {
    async stop() {
      clearInterval(timer)
      const deadline = performance.now() + IN_FLIGHT_GRACE_MS
      while (sent.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      const now = performance.now()
      const lost = [...sent.values()].map((s) => now - s.at)
      const all = [...latencies, ...lost].sort((a, b) => a - b)
      return {
        writes: seq,
        seen: latencies.length,
        lost: lost.length,
        p50Ms: round(percentile(all, 0.5)),
        p99Ms: round(percentile(all, 0.99)),
        maxMs: round(all.at(-1) ?? 0),
        closeCodes: clients.flatMap((c) => c.closeCodes),
      }
    },
    destroy() {
      clearInterval(timer)
      for (const c of clients) c.destroy()
    },
  }
}

/**
 * Runs the canary in a child process of its own (see canaryProcess.ts) and resolves once both of
 * its clients synced. `destroy` kills that child, by its PID, if it is still running.
 */
export async function startCanaryProcess(wsUrl: string, session: TestSession): Promise<Canary> {
  const child = fork(
    fileURLToPath(new URL('./canaryProcess.ts', import.meta.url)),
    [JSON.stringify({ wsUrl, created: session.created })],
    { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const next = <T>(what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the canary process sent no ${what} in time`)),
        timeoutMs,
      )
      child.once('message', (message: T & { error?: string }) => {
        clearTimeout(timer)
        if (message.error) reject(new Error(`the canary failed: ${message.error}`))
        else resolve(message)
      })
      void exited.then(() => reject(new Error(`the canary process exited before its ${what}`)))
    })
  const destroy = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  try {
    await next<{ ready: true }>('ready message', 30_000)
  } catch (error) {
    destroy()
    throw error
  }
  return {
    async stop() {
      const answer = next<{ report: CanaryReport }>('report', 15_000)
      child.send({ stop: true })
      const { report } = await answer
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))])
      return report
    },
    destroy,
  }
}
