import { DEFAULT_LIMITS, MessageType } from '@tradeoff/shared'
import * as Y from 'yjs'
import { rectangle } from '../../support/records'
import type { AttackContext } from '../context'
import type { Random } from '../random'
import { awarenessFrame, queryAwarenessFrame, step1Frame, updateFrame } from '../wire'

/** Random bytes, sometimes behind a valid message type so they reach the message handlers. */
export async function randomBytes(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const probe = await ctx.open({
    role: rng.pick(['interviewer', 'candidate', 'reviewer']),
    doc: rng.pick(['board', 'panel']),
  })
  for (let i = rng.between(1, 4); i > 0; i--) {
    const body = rng.bytes(rng.between(0, 400))
    const typed = rng.chance(0.6)
    const frame = typed
      ? new Uint8Array([rng.pick([MessageType.sync, MessageType.awareness, 3]), ...body])
      : body
    if (!probe.send(frame)) break
  }
  await ctx.finish(probe, 'random bytes', undefined, 300)
}

/** Valid frames of every kind, made fresh: the material the mutations start from. */
function validFrames(rng: Random): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = rng.uint32()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getMap('records').set('shape:mut', rectangle('mut', rng.int(500), rng.int(500), 'label'))
  doc.getMap('records').set('shape:mut', rectangle('mut', 5, 5))
  const state = JSON.stringify({
    user: { name: 'Cam', color: '#000', role: 'candidate' },
    presence: { cursor: { x: 1, y: 2 } },
  })
  return [
    step1Frame(Y.encodeStateVector(doc)),
    ...updates.map(updateFrame),
    awarenessFrame([{ clientId: doc.clientID, clock: 1, json: state }]),
    queryAwarenessFrame(),
  ]
}

const MUTATIONS: Array<(frame: Uint8Array, other: Uint8Array, rng: Random) => Uint8Array> = [
  // Truncated.
  (f, _o, rng) => f.subarray(0, rng.int(f.length)),
  // A few bits flipped.
  (f, _o, rng) => {
    const out = f.slice()
    for (let i = rng.between(1, 8); i > 0 && out.length > 0; i--) {
      const at = rng.int(out.length)
      out[at] = (out[at] as number) ^ (1 << rng.int(8))
    }
    return out
  },
  // Spliced: the head of one frame on the tail of another.
  (f, o, rng) =>
    new Uint8Array([...f.subarray(0, rng.int(f.length + 1)), ...o.subarray(rng.int(o.length + 1))]),
  // A length prefix that claims far more than follows.
  (f, _o, rng) => {
    const at = Math.min(f.length, rng.between(1, 3))
    return new Uint8Array([...f.subarray(0, at), 0xff, 0xff, 0xff, 0xff, 0x0f, ...f.subarray(at)])
  },
  // Random bytes inserted.
  (f, _o, rng) => {
    const at = rng.int(f.length + 1)
    return new Uint8Array([...f.subarray(0, at), ...rng.bytes(rng.between(1, 16)), ...f.subarray(at)])
  },
  // Sent twice in one frame.
  (f) => new Uint8Array([...f, ...f]),
]

/** Valid frames, truncated, bit-flipped, spliced and padded; now and then one sent unharmed. */
export async function mutatedFrames(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const frames = validFrames(rng)
  const probe = await ctx.open({ role: rng.pick(['interviewer', 'candidate']), doc: 'board' })
  for (let i = rng.between(1, 6); i > 0; i--) {
    const frame = rng.pick(frames)
    const mutated = rng.chance(0.15) ? frame : rng.pick(MUTATIONS)(frame, rng.pick(frames), rng)
    if (!probe.send(mutated)) break
  }
  await ctx.finish(probe, 'mutated valid frames', undefined, 300)
}

/** Pings the server answers by itself, below the message handlers and their rate limits. */
export async function pingFlood(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const probe = await ctx.open({ role: 'candidate', doc: 'board' })
  for (let i = rng.between(100, 2_000); i > 0 && probe.isOpen() && ctx.budget.take(); i--)
    probe.ws.ping(rng.bytes(rng.between(0, 125)))
  await ctx.finish(probe, 'ping flood', undefined, 300)
}

/**
 * A client that stops reading and keeps asking for the whole document: the server must close it
 * (1013, or 4429 past the rate) rather than buffer without bound.
 */
export async function slowReader(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const probe = await ctx.open({ role: rng.pick(['interviewer', 'reviewer']), doc: 'board' })
  const socket = (probe.ws as unknown as { _socket?: { pause(): void; resume(): void } })._socket
  if (probe.opened && socket) {
    await probe.waitFor('step1', 2_000)
    socket.pause()
    for (let i = rng.between(200, 550); i > 0; i--) if (!probe.send(step1Frame())) break
    await new Promise((resolve) => setTimeout(resolve, rng.between(200, 1_500)))
    socket.resume()
  }
  await ctx.finish(probe, 'reader that stops reading', undefined, 1_000)
}

/** Frames just over the size limit (4413), far over it (cut off by the websocket layer, 1009), or a byte flood (4429). */
export async function oversizeFrames(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const probe = await ctx.open({ role: rng.pick(['interviewer', 'candidate']), doc: 'board' })
  const roll = rng.next()
  if (roll < 0.7) {
    probe.send(new Uint8Array(DEFAULT_LIMITS.maxMessageBytes + rng.between(1, 1_000)))
    await ctx.finish(probe, 'frame over the size limit', { outcomes: ['4413'], rule: 'R13' })
  } else if (roll < 0.85) {
    probe.send(new Uint8Array(DEFAULT_LIMITS.maxMessageBytes * 4 + 1))
    await ctx.finish(probe, 'frame far over the size limit', { outcomes: ['1009'], rule: 'R13' })
  } else {
    const chunk = new Uint8Array(DEFAULT_LIMITS.maxMessageBytes - 16)
    chunk[0] = 3
    const count = Math.ceil(DEFAULT_LIMITS.byteBurst / chunk.length) + 4
    for (let i = 0; i < count; i++) if (!probe.send(chunk)) break
    await ctx.finish(probe, 'byte flood', { outcomes: ['4429', '4400'], rule: 'R14' })
  }
}
