/**
 * Replay benchmark (`npm run bench:replay`, after `npm run build`): imports a synthetic 60-minute
 * recording of 50,000 board updates ending with 1,500 shapes into a fresh server, then measures
 * what a review needs: the size of the recording on disk; seeking through the API
 * (`GET /api/sessions/:id/board?at=`) to random moments; and in headless Chromium, the review
 * screen's first paint of the whole board (over 5 page loads), when the board's history is in,
 * and the scrubber (random moments, and dragging 5 s at a time), each until the frame is
 * painted; and when tldraw's canvas has caught up under the preview (the whole board, and random
 * moments held). Medians and p95.
 * Flags: --updates --shapes --seeks --seed.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CreatedSession, Prompt } from '@tradeoff/shared'
import * as prng from 'lib0/prng'
import { spawnServer, tempDataDir } from '../../support/server'
import { measureReviewScreen } from './browser'
import { DEFAULT_PLAN, syntheticRecording } from './recording'

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2)
  args.set(String(process.argv[i]).replace(/^--/, ''), String(process.argv[i + 1]))
const number = (name: string, fallback: number) => Number(args.get(name) ?? fallback)
const plan = {
  ...DEFAULT_PLAN,
  updates: number('updates', DEFAULT_PLAN.updates),
  shapes: number('shapes', DEFAULT_PLAN.shapes),
}
const seeks = number('seeks', 200)

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}
const diskBytes = (dir: string) =>
  readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)

const dataDir = tempDataDir()
const server = await spawnServer(dataDir)
try {
  const prompt = (await (await fetch(`${server.url}/api/prompts/messaging-app`)).json()) as Prompt
  const started = performance.now()
  const file = syntheticRecording(prompt, plan, Date.now())
  const generatedMs = performance.now() - started
  const body = JSON.stringify(file)
  const importStart = performance.now()
  const response = await fetch(`${server.url}/api/sessions/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  if (response.status !== 201) throw new Error(`import failed: ${response.status} ${await response.text()}`)
  const importMs = performance.now() - importStart
  const created = (await response.json()) as CreatedSession
  const token = created.links.find((l) => l.role === 'reviewer')?.token ?? ''
  const board = async (at: number) => {
    const t0 = performance.now()
    const res = await fetch(`${server.url}/api/sessions/${created.id}/board?at=${at}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const json = (await res.json()) as { records: Record<string, unknown> }
    return { ms: performance.now() - t0, count: Object.keys(json.records).length }
  }
  const end = plan.minutes * 60_000
  const final = await board(end)
  await board(0)
  const random = prng.create(plan.seed)
  const times: number[] = []
  for (let i = 0; i < seeks; i++) times.push((await board(prng.int32(random, 0, end))).ms)
  // The review screen in Chromium: first paint, then scrubbing to moments with different boards.
  const scrubMoments: Array<{ at: number; shapes: number }> = []
  for (let i = 0; i < 30; i++) {
    const at = prng.int32(random, 0, end)
    scrubMoments.push({ at, shapes: (await board(at)).count - 1 })
  }
  // Dragging the scrubber slowly through the middle of the round: 5 s of the recording per step.
  const dragMoments: Array<{ at: number; shapes: number }> = []
  for (let i = 0; i < 30; i++) {
    const at = end / 2 + i * 5_000
    dragMoments.push({ at, shapes: (await board(at)).count - 1 })
  }
  // Random moments again, each held until tldraw's canvas has caught up with it.
  const settleMoments: Array<{ at: number; shapes: number }> = []
  for (let i = 0; i < 10; i++) {
    const at = prng.int32(random, 0, end)
    settleMoments.push({ at, shapes: (await board(at)).count - 1 })
  }
  const review = await measureReviewScreen(
    `${server.url}/r/${created.id}#token=${token}`,
    final.count - 1,
    scrubMoments,
    dragMoments,
    settleMoments,
  )
  const reportStart = performance.now()
  await fetch(`${server.url}/api/sessions/${created.id}/report`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const reportMs = performance.now() - reportStart
  await server.stop('SIGTERM')
  const result = {
    plan,
    exportFileMB: body.length / 1e6,
    generatedMs,
    importMs,
    recordingOnDiskMB: diskBytes(dataDir) / 1e6,
    shapesAtEnd: final.count - 1,
    latestBoardMs: final.ms,
    seekMs: {
      median: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      max: Math.max(...times),
      count: times.length,
    },
    reportMs,
    reviewScreen: {
      pageLoads: review.allShapesMs.length,
      firstBoardMs: { median: quantile(review.firstBoardMs, 0.5), max: Math.max(...review.firstBoardMs) },
      allShapesMs: {
        median: quantile(review.allShapesMs, 0.5),
        max: Math.max(...review.allShapesMs),
        each: review.allShapesMs.map(Math.round),
      },
      canvasMs: { median: quantile(review.canvasMs, 0.5), max: Math.max(...review.canvasMs) },
      historyReadyMs: review.historyReadyMs,
      scrubMs: {
        median: quantile(review.scrubMs, 0.5),
        p95: quantile(review.scrubMs, 0.95),
        count: review.scrubMs.length,
      },
      dragMs: {
        median: quantile(review.dragMs, 0.5),
        p95: quantile(review.dragMs, 0.95),
        count: review.dragMs.length,
      },
      settleMs: {
        median: quantile(review.settleMs, 0.5),
        p95: quantile(review.settleMs, 0.95),
        count: review.settleMs.length,
      },
    },
  }
  console.log(JSON.stringify(result, null, 2))
  const out = new URL(`../results/replay-${new Date().toISOString().slice(0, 10)}.json`, import.meta.url)
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true })
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`)
  console.log(
    `targets: seek median < 100 ms: ${result.seekMs.median.toFixed(1)} ms; p95 < 250 ms: ${result.seekMs.p95.toFixed(1)} ms; ` +
      `on disk < 20 MB: ${result.recordingOnDiskMB.toFixed(1)} MB; review paints < 2 s: median ${result.reviewScreen.allShapesMs.median.toFixed(0)} ms (max ${result.reviewScreen.allShapesMs.max.toFixed(0)} ms of ${result.reviewScreen.pageLoads} loads); ` +
      `scrub to random moments median ${result.reviewScreen.scrubMs.median.toFixed(0)} ms, p95 ${result.reviewScreen.scrubMs.p95.toFixed(0)} ms; ` +
      `dragging 5 s steps median ${result.reviewScreen.dragMs.median.toFixed(0)} ms, p95 ${result.reviewScreen.dragMs.p95.toFixed(0)} ms; ` +
      `tldraw's canvas caught up: whole board at ${result.reviewScreen.canvasMs.median.toFixed(0)} ms, random moments median ${result.reviewScreen.settleMs.median.toFixed(0)} ms`,
  )
} finally {
  await server.stop('SIGKILL')
}
