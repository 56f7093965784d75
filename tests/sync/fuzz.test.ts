import { describe, expect, it } from 'vitest'
import { CANARY_P99_LIMIT_MS, runFuzz } from '../fuzz/fuzz'

/** Fixed, so a failure here is reproduced with `npm run fuzz -- --seed 40 --minutes 0.4`. */
const SEED = 40
const FUZZ_MS = 25_000

describe('a server that no participant can break', () => {
  it('R40 a seeded wire fuzz never ends the process, keeps the canary under 250 ms p99, and every attacked session reads back', async () => {
    const summary = await runFuzz({
      seed: SEED,
      durationMs: FUZZ_MS,
      maxFrames: 200_000,
      lanes: 3,
      sessions: 3,
    })
    const report = JSON.stringify(
      {
        failures: summary.failures,
        exits: summary.exits,
        canary: summary.canary,
        readBack: summary.readBack,
      },
      null,
      2,
    )
    // The fuzz did attack: every family ran and the server refused what it had to.
    expect(summary.attacks, report).toBeGreaterThan(50)
    expect(summary.closes['4400'] ?? 0, report).toBeGreaterThan(0)
    expect(summary.exits, report).toEqual([])
    expect(summary.healthz.failures, report).toBe(0)
    expect(summary.canary.seen, report).toBeGreaterThan(50)
    expect(summary.canary.lost, report).toBe(0)
    expect(summary.canary.closeCodes, report).toEqual([])
    expect(summary.canary.p99Ms, report).toBeLessThan(CANARY_P99_LIMIT_MS)
    expect(
      summary.readBack.filter((r) => !r.ok),
      report,
    ).toEqual([])
    expect(summary.readBack, report).toHaveLength(3)
    expect(summary.shutdownCode, report).toBe(0)
    expect(summary.ok, report).toBe(true)
  }, 120_000)
})
