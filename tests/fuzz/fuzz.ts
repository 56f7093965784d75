import { monitorEventLoopDelay } from 'node:perf_hooks'
import { waitFor } from '../support/poll'
import { note, page, rectangle } from '../support/records'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient } from '../support/syncClient'
import { FAMILIES, pickFamily } from './attacks/index'
import { type Canary, type CanaryReport, startCanaryProcess } from './canary'
import { attackContext, type FuzzTarget, type Surprise, Tally } from './context'
import type { FrameBudget } from './probe'
import { seededRandom } from './random'
import { type ReadBack, readBack } from './readBack'
import { type ProcessExit, startTarget } from './target'

export interface FuzzOptions {
  seed: number
  /** How long the attack lasts; read-back and shutdown come after. */
  durationMs: number
  /** Frames the attackers may send in all. */
  maxFrames: number
  /** Attackers running at once, each its own seeded sequence of attacks. */
  lanes: number
  /** Sessions under attack (the canary has one more of its own). */
  sessions: number
  /** Replays a single attack, `lane:attack` as a summary names it, instead of a timed run. */
  replay?: { lane: number; attack: number }
  /** Progress lines; silent when left out. */
  log?: (line: string) => void
}

/** What a run saw. `ok` is false when an invariant failed; `failures` says which. */
export interface FuzzSummary {
  seed: number
  startedAt: string
  durationMs: number
  lanes: number
  attacks: number
  framesSent: number
  httpRequests: number
  closes: Record<string, number>
  outcomes: Record<string, Record<string, number>>
  exits: ProcessExit[]
  /** The exit code of the server on the fuzzer's own SIGTERM at the end (0 expected, R16). */
  shutdownCode: number | null
  peakRssMiB: number | null
  healthz: { checks: number; failures: number; slowestMs: number }
  canary: CanaryReport
  /** The fuzzer's own event-loop delay: a high one means its canary numbers are partly its own. */
  fuzzerEventLoop: { p99Ms: number; maxMs: number }
  readBack: ReadBack[]
  surprises: Surprise[]
  surpriseCount: number
  serverErrors: { count: number; first: string[] }
  fuzzerErrors: Record<string, number>
  /** Log lines the server wrote last, when something failed. */
  serverTail?: string[]
  failures: string[]
  ok: boolean
}

/** The canary's p99 bound (R40). */
export const CANARY_P99_LIMIT_MS = 250
const HEALTH_EVERY_MS = 2_000
const ATTACK_TIMEOUT_MS = 30_000

/** Writes a page, a few shapes and a note into a session, as its people would before an attack. */
async function seedSession(wsUrl: string, session: TestSession): Promise<void> {
  const board = connectClient(wsUrl, session, { role: 'interviewer' })
  const panel = connectClient(wsUrl, session, { doc: 'panel' })
  const observer = connectClient(wsUrl, session, { role: 'reviewer' })
  try {
    await Promise.all([board.synced, panel.synced])
    board.records.set('page:page', page())
    for (let i = 0; i < 5; i++)
      board.records.set(`shape:seed${i}`, rectangle(`seed${i}`, i * 200, 0, `seed ${i}`))
    panel.doc.getMap('notes').set('seed', note('seed', 'Ivy', { shapeIds: ['shape:seed0'] }))
    await waitFor(() => observer.records.has('shape:seed4'), 'the seeded shapes reach another client', 10_000)
  } finally {
    for (const client of [board, panel, observer]) client.destroy()
  }
}

/**
 * Runs the wire fuzz against a fresh server process on 127.0.0.1: attackers with valid tokens
 * send hostile frames on attacked sessions while a canary session of two honest clients keeps
 * syncing; afterwards every attacked session is read back and the server is stopped.
 * Bounded by `durationMs` and `maxFrames`; kills only the process it started.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const log = options.log ?? (() => {})
  const startedAt = new Date()
  const target = await startTarget()
  log(`seed ${options.seed}: server pid ${target.pid} at ${target.url}`)
  const tally = new Tally()
  const fuzzerErrors: Record<string, number> = {}
  const failures: string[] = []
  let canary: Canary | null = null
  let healthTimer: NodeJS.Timeout | undefined
  const eventLoop = monitorEventLoopDelay({ resolution: 10 })
  try {
    const sessions = await Promise.all(Array.from({ length: options.sessions }, () => newSession(target.url)))
    for (const session of sessions) await seedSession(target.wsUrl, session)
    const fuzzTarget: FuzzTarget = { url: target.url, wsUrl: target.wsUrl, sessions }
    canary = await startCanaryProcess(target.wsUrl, await newSession(target.url))

    const health = { checks: 0, failures: 0, slowestMs: 0 }
    const checkHealth = async () => {
      const started = performance.now()
      const ok = await fetch(`${target.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.ok,
        () => false,
      )
      health.checks++
      health.slowestMs = Math.max(health.slowestMs, Math.round(performance.now() - started))
      if (!ok) health.failures++
    }
    healthTimer = setInterval(() => void checkHealth(), HEALTH_EVERY_MS)
    let peakRss = 0
    const sampleMemory = () => {
      peakRss = Math.max(peakRss, target.memory()?.peakMiB ?? 0)
    }
    eventLoop.enable()

    const deadline = Date.now() + (options.replay ? ATTACK_TIMEOUT_MS : options.durationMs)
    const budget: FrameBudget = {
      take() {
        if (tally.frames >= options.maxFrames || Date.now() > deadline) return false
        tally.frames++
        return true
      },
    }
    const alive = () => target.exits.length === 0
    const runAttack = async (lane: number, attack: number) => {
      const rng = seededRandom(options.seed).fork(lane).fork(attack)
      const family = pickFamily(rng.next())
      const ctx = attackContext({ rng, target: fuzzTarget, tally, budget, lane, attack, family: family.name })
      tally.attacks++
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          family.run(ctx),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('attack took over 30 s')), ATTACK_TIMEOUT_MS)
          }),
        ])
      } catch (error) {
        const message = `${family.name}: ${error instanceof Error ? error.message : String(error)}`.slice(
          0,
          200,
        )
        fuzzerErrors[message] = (fuzzerErrors[message] ?? 0) + 1
      } finally {
        clearTimeout(timer)
      }
    }
    const runLane = async (lane: number) => {
      for (let attack = 0; Date.now() < deadline && tally.frames < options.maxFrames && alive(); attack++) {
        await runAttack(lane, attack)
        if (attack % 20 === 0) sampleMemory()
      }
    }
    let lastReport = Date.now()
    const progress = setInterval(() => {
      sampleMemory()
      if (Date.now() - lastReport < 10_000) return
      lastReport = Date.now()
      log(
        `${Math.round((deadline - Date.now()) / 1000)} s left: ${tally.attacks} attacks, ${tally.frames} frames, rss ${target.memory()?.rssMiB ?? '?'} MiB`,
      )
    }, 1_000)
    if (options.replay) await runAttack(options.replay.lane, options.replay.attack)
    else await Promise.all(Array.from({ length: options.lanes }, (_, lane) => runLane(lane)))
    clearInterval(progress)
    eventLoop.disable()
    clearInterval(healthTimer)
    const canaryReport = await canary.stop()
    canary.destroy()
    canary = null
    log(
      `attack over: ${tally.attacks} attacks, ${tally.frames} frames; reading back ${sessions.length} sessions`,
    )

    const readBacks: ReadBack[] = []
    if (alive()) for (const session of sessions) readBacks.push(await readBack(target.url, session))
    await checkHealth()
    sampleMemory()
    const finalMemory = target.memory()
    const peakRssMiB = finalMemory ? Math.max(peakRss, finalMemory.peakMiB) : peakRss || null
    const exits = [...target.exits]
    const shutdownCode = alive() ? await target.stop() : null

    if (exits.length > 0) failures.push(`the server exited ${exits.length} time(s) under attack`)
    if (health.failures > 0) failures.push(`/healthz failed ${health.failures} of ${health.checks} times`)
    if (canaryReport.p99Ms >= CANARY_P99_LIMIT_MS)
      failures.push(`canary p99 ${canaryReport.p99Ms} ms (limit ${CANARY_P99_LIMIT_MS} ms)`)
    if (canaryReport.lost > 0) failures.push(`the canary lost ${canaryReport.lost} writes`)
    if (canaryReport.closeCodes.length > 0)
      failures.push(`the canary was closed: ${canaryReport.closeCodes.join(', ')}`)
    const badReads = readBacks.filter((r) => !r.ok)
    if (badReads.length > 0) failures.push(`${badReads.length} attacked session(s) do not read back`)
    if (exits.length === 0 && readBacks.length !== sessions.length) failures.push('read-back did not run')
    if (shutdownCode !== null && shutdownCode !== 0)
      failures.push(`SIGTERM ended the server with ${shutdownCode}`)

    return {
      seed: options.seed,
      startedAt: startedAt.toISOString(),
      durationMs: options.durationMs,
      lanes: options.lanes,
      attacks: tally.attacks,
      framesSent: tally.frames,
      httpRequests: tally.httpRequests,
      closes: sortedCounts(tally.closes),
      outcomes: Object.fromEntries(
        Object.entries(tally.outcomes)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => [k, sortedCounts(v)]),
      ),
      exits,
      shutdownCode,
      peakRssMiB,
      healthz: health,
      canary: canaryReport,
      fuzzerEventLoop: {
        p99Ms: Math.round(eventLoop.percentile(99) / 1e5) / 10,
        maxMs: Math.round(eventLoop.max / 1e5) / 10,
      },
      readBack: readBacks,
      surprises: tally.surprises,
      surpriseCount: tally.surpriseCount,
      serverErrors: { count: target.errorCount, first: target.errorLines },
      fuzzerErrors,
      ...(failures.length > 0 || target.errorCount > 0 ? { serverTail: target.tail() } : {}),
      failures,
      ok: failures.length === 0,
    }
  } finally {
    clearInterval(healthTimer)
    canary?.destroy()
    await target.stop()
  }
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a))
}

/** The names of the attack families, for the CLI's help. */
export const FAMILY_NAMES = FAMILIES.map((f) => f.name)
