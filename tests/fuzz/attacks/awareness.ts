import { DEFAULT_LIMITS } from '@tradeoff/shared'
import { type AttackContext, EXPECTED_CLOSE_WAIT_MS, type Expectation } from '../context'
import type { Probe } from '../probe'
import type { Random } from '../random'
import { type AwarenessEntry, awarenessFrame, readAwarenessFrame } from '../wire'

const cursor = (name: string, role: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ user: { name, color: '#e03131', role }, presence: { cursor: { x: 1, y: 2 }, ...extra } })

const refused = (code: string, rule: string): Expectation => ({ outcomes: [code], rule })

/** Frames that break the awareness bounds, each with the close SPEC.md names. */
const FLOODS: Array<{
  name: string
  expect?: Expectation
  frames(rng: Random, clientId: number): Uint8Array[]
}> = [
  {
    name: 'many client ids in one message',
    expect: refused('4400', 'R31'),
    frames(rng) {
      const count = rng.between(DEFAULT_LIMITS.maxAwarenessClientsPerConnection + 1, 2_000)
      const base = rng.uint32() >>> 1
      return [
        awarenessFrame(
          Array.from({ length: count }, (_, i) => ({
            clientId: base + i,
            clock: 1,
            json: cursor(`n${i}`, 'candidate'),
          })),
        ),
      ]
    },
  },
  {
    name: 'state over the size limit',
    expect: refused('4413', 'R13'),
    frames(rng, clientId) {
      const pad = 'p'.repeat(rng.between(DEFAULT_LIMITS.maxAwarenessStateBytes, 1_000_000))
      return [awarenessFrame([{ clientId, clock: 1, json: JSON.stringify({ user: { name: pad } }) }])]
    },
  },
  {
    name: 'fast clock churn on one id',
    frames(rng, clientId) {
      return Array.from({ length: rng.between(20, 300) }, (_, i) =>
        awarenessFrame([{ clientId, clock: i + 1, json: cursor('Cam', 'candidate', { n: i }) }]),
      )
    },
  },
  {
    name: 'client ids introduced and dropped in a loop',
    expect: refused('4429', 'R31'),
    frames(rng) {
      const frames: Uint8Array[] = []
      const base = rng.uint32() >>> 1
      for (let i = 0; i < DEFAULT_LIMITS.awarenessChurnPerMinute * 3; i++) {
        frames.push(awarenessFrame([{ clientId: base + i, clock: 1, json: cursor('Cam', 'candidate') }]))
        frames.push(awarenessFrame([{ clientId: base + i, clock: 2, json: 'null' }]))
      }
      return frames
    },
  },
  {
    name: 'state that is not a JSON object',
    expect: refused('4400', 'R13'),
    frames(rng, clientId) {
      return [
        awarenessFrame([{ clientId, clock: 1, json: rng.pick(['[1]', '7', '"s"', '{bad', '', 'true']) }]),
      ]
    },
  },
  {
    name: 'entry count that lies',
    expect: refused('4400', 'R13'),
    frames(rng, clientId) {
      return [
        awarenessFrame([{ clientId, clock: 1, json: cursor('Cam', 'candidate') }], rng.between(2, 2 ** 30)),
      ]
    },
  },
]

/** Awareness floods: many ids, huge states, clock and id churn, malformed states. */
export async function awarenessFlood(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const flood = rng.pick(FLOODS)
  const probe = await ctx.open({ role: rng.pick(['interviewer', 'candidate']), doc: 'board' })
  if (probe.opened) {
    await probe.waitFor('step1', 2_000)
    for (const frame of flood.frames(rng, rng.uint32() >>> 1)) if (!probe.send(frame)) break
  }
  await ctx.finish(
    probe,
    flood.name,
    probe.opened ? flood.expect : undefined,
    flood.expect ? EXPECTED_CLOSE_WAIT_MS : 300,
  )
}

/** The entry for `clientId` among the awareness frames an observer received, parsed. */
function stateSeen(observer: Probe, clientId: number): Record<string, unknown> | null {
  let found: AwarenessEntry | null = null
  for (const frame of observer.received) {
    if (frame[0] !== 1) continue
    for (const entry of readAwarenessFrame(frame)) if (entry.clientId === clientId) found = entry
  }
  return found ? (JSON.parse(found.json) as Record<string, unknown> | null) : null
}

/**
 * Presence that lies: a candidate claims to be an interviewer called Ivy, or an interviewer's
 * selection is sent into a room with a candidate in it. An observer checks what was relayed (R35).
 */
export async function presenceLies(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const session = ctx.session()
  const selection = rng.chance(0.5)
  const observer = await ctx.open({ session, role: selection ? 'candidate' : 'interviewer', doc: 'board' })
  const liar = await ctx.open({ session, role: selection ? 'interviewer' : 'candidate', doc: 'board' })
  const clientId = rng.uint32() >>> 1
  if (observer.opened && liar.opened) {
    await Promise.all([observer.waitFor('step1', 2_000), liar.waitFor('step1', 2_000)])
    const json = selection
      ? cursor('Ivy', 'interviewer', { selectedShapeIds: ['shape:secret'], brush: null })
      : cursor('Ivy', 'interviewer')
    liar.send(awarenessFrame([{ clientId, clock: 1, json }]))
    const deadline = Date.now() + 800
    while (Date.now() < deadline && !stateSeen(observer, clientId)) await observer.waitFor('awareness', 100)
    const seen = stateSeen(observer, clientId)
    const user = (seen?.user ?? {}) as { name?: unknown; role?: unknown }
    const presence = (seen?.presence ?? {}) as { selectedShapeIds?: unknown[] }
    if (!selection && seen && (user.role !== 'candidate' || user.name !== 'Cam')) {
      ctx.surprise(
        'candidate claiming to be an interviewer',
        `relayed as ${String(user.role)} "${String(user.name)}"`,
        'relayed as candidate "Cam"',
        'R35',
      )
    }
    if (selection && (presence.selectedShapeIds?.length ?? 0) > 0) {
      ctx.surprise(
        'interviewer selection',
        'a candidate received an interviewer’s selection',
        'never sent to a candidate',
        'R35',
      )
    }
  }
  await ctx.finish(
    liar,
    selection ? 'interviewer selection' : 'candidate claiming to be an interviewer',
    undefined,
    50,
  )
  await ctx.finish(observer, 'presence observer', undefined, 50)
}
