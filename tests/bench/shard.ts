/**
 * One generator shard of the sync benchmark: the clients of some whole rooms, run in a worker
 * thread (shardWorker.ts) so that several threads share the load and one thread's GC pauses do not
 * show up in every room's latency. A room's clients all live in one shard, so each latency is the
 * writer's send and a reader's receipt on one clock (this thread's `performance.now()`).
 *
 * The coordinator (workload.ts) drives it: `ramp` connects the rooms, `run` paces this shard's
 * share of the board updates and cursors from a start time common to all shards, waits for
 * stragglers and returns the raw samples; `close` closes the sockets.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { LoadClient, type LoadClientEvents } from './loadClient'
import { CpuWindow, runQueueSeconds, Samples } from './measure'
import { boardRecord, presenceState, SHAPE_ID } from './payloads'
import { connectUrl, personOf, type RoomAddress } from './rooms'

/** What a shard is given (its workerData). */
export interface ShardConfig {
  /** This shard's number from 0, and how many there are. */
  shard: number
  shards: number
  /** Server URLs: client c of room r connects to urls[(r + c) mod n], r the room's global index. */
  urls: string[]
  /** This shard's rooms: their index in the whole workload, and address. */
  rooms: Array<{ index: number; address: RoomAddress }>
  clients: number
  /** Board updates per room per second, cursors per client per second. */
  updateRate: number
  awarenessRate: number
  /** Connections this shard opens at once while ramping up. */
  batch: number
  drainSeconds: number
}

/**
 * When to pace, as wall times in ms (`performance.timeOrigin + performance.now()`): each thread's
 * `performance.now()` counts from its own start, so only the sum means the same in every thread.
 */
export interface ShardSchedule {
  startAt: number
  windowStart: number
  windowEnd: number
}

export interface ShardResult {
  expected: number
  synced: number
  openAtEnd: number
  /** Sockets the server closed, by close code. */
  lost: Record<string, number>
  board: { sent: number; sentTotal: number; missing: number; latencies: Float64Array }
  awareness: { sent: number; missing: number; latencies: Float64Array }
  /** How late each event fired, ms. */
  lateness: Float64Array
  /** This thread's event-loop delay in the window, ms beyond the monitor's timer. */
  eventLoopDelay: { p50: number; p99: number; max: number }
  /** Time this thread was ready to run but waited for a core in the window, % of the window. */
  runQueuePercent: number
  drainSeconds: number
}

/** Coordinator to shard, in this order. */
export type ToShard = { type: 'ramp' } | ({ type: 'start' } & ShardSchedule) | { type: 'close' }
/** Shard to coordinator, in this order. */
export type FromShard = { type: 'ready' } | { type: 'synced' } | { type: 'done'; result: ShardResult }

const LOOP_RESOLUTION_MS = 10
const BATCH_TIMEOUT_MS = 30_000

/** One board update or cursor waiting for the other clients of its room. */
interface Pending {
  sentAt: number
  measured: boolean
  /** Which clients got it (the writer counts as having it). */
  got: Uint8Array
  waiting: number
}

interface Room {
  /** Index in the whole workload: picks the server URL, names the presence. */
  index: number
  address: RoomAddress
  clients: LoadClient[]
  nextSeq: number
  /** Board updates not yet everywhere, by the Yjs id (`client:clock`) of the item they wrote. */
  pending: Map<string, Pending>
}

export class Shard {
  private readonly rooms: Room[]
  private readonly all: LoadClient[] = []
  private readonly byClientId = new Map<number, LoadClient>()
  private readonly boardLatency = new Samples()
  private readonly awarenessLatency = new Samples()
  private readonly awarenessPending = new Map<string, Pending>()
  private readonly cursors = new Map<LoadClient, { x: number; y: number }>()
  private readonly lost: Record<string, number> = {}
  private boardSent = 0
  private boardSentTotal = 0
  private awarenessSent = 0
  /** The measured window in this thread's `performance.now()`. */
  private window = { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY }

  constructor(private readonly config: ShardConfig) {
    this.rooms = config.rooms.map(({ index, address }) => ({
      index,
      address,
      clients: [],
      nextSeq: 1,
      pending: new Map(),
    }))
  }

  /** Connects room by room, `batch` connections at a time, each batch fully synced before the next. */
  async ramp(): Promise<void> {
    const { clients, urls, batch: size } = this.config
    const total = this.rooms.length * clients
    const events: LoadClientEvents = {
      onUpdate: (client, update, receivedAt) => this.onUpdate(client, update, receivedAt),
      onAwareness: (client, payload, receivedAt) => this.onAwareness(client, payload, receivedAt),
      onLost: (_client, code) => {
        this.lost[code] = (this.lost[code] ?? 0) + 1
      },
    }
    for (let first = 0; first < total; first += size) {
      const batch: LoadClient[] = []
      for (let n = first; n < Math.min(total, first + size); n++) {
        const local = Math.floor(n / clients)
        const room = this.rooms[local] as Room
        const c = room.clients.length
        const url = urls[(room.index + c) % urls.length] as string
        const client = new LoadClient(connectUrl(url, room.address, c), local, c, events)
        room.clients.push(client)
        this.byClientId.set(client.clientId, client)
        batch.push(client)
        this.all.push(client)
      }
      await withTimeout(
        Promise.all(batch.map((c) => c.synced)),
        BATCH_TIMEOUT_MS,
        `batch at connection ${first} of ${total} did not sync in ${BATCH_TIMEOUT_MS / 1000} s`,
      )
    }
  }

  /**
   * Paces this shard's events from `schedule.startAt`, then waits up to drainSeconds for every
   * board update and every window cursor to arrive everywhere.
   */
  async run(schedule: ShardSchedule): Promise<ShardResult> {
    const { shard, shards, updateRate, awarenessRate } = this.config
    const local = (wall: number) => wall - performance.timeOrigin
    const startAt = local(schedule.startAt)
    this.window = { start: local(schedule.windowStart), end: local(schedule.windowEnd) }
    const rooms = this.rooms.length
    const total = this.all.length
    // Each shard fires 1/shards of the events; shifted by shard/shards of its spacing, the shards
    // take turns, so together they fire as evenly as one generator would, never in lockstep.
    const streams = [
      new EvenStream(rooms * updateRate, startAt, shard / shards, (i, due) =>
        this.writeBoard(i % rooms, due),
      ),
      new EvenStream(total * awarenessRate, startAt, (shard + 0.5) / shards, (i, due) =>
        this.sendCursor(i % total, due),
      ),
    ]
    const lateness = new Samples()
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
    loopDelay.enable()
    const runQueue = new CpuWindow(() => runQueueSeconds('thread-self'))
    await new Promise<void>((resolve) => {
      let windowStarted = false
      const timer = setInterval(() => {
        const now = performance.now()
        if (!windowStarted && now >= this.window.start) {
          windowStarted = true
          loopDelay.reset()
          runQueue.start()
        }
        // Events due before the end still fire when the tick comes late; none after it.
        for (const stream of streams) stream.runDue(Math.min(now, this.window.end - 0.001), lateness)
        if (now >= this.window.end) {
          clearInterval(timer)
          runQueue.stop()
          resolve()
        }
      }, 2)
    })
    // The histogram holds the time between the monitor's timer runs, so its resolution is subtracted.
    const lag = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_RESOLUTION_MS)
    const eventLoopDelay = {
      p50: lag(loopDelay.percentile(50)),
      p99: lag(loopDelay.percentile(99)),
      max: lag(loopDelay.max),
    }
    loopDelay.disable()

    const drainStart = performance.now()
    const drainUntil = drainStart + this.config.drainSeconds * 1000
    while (this.outstanding() > 0 && performance.now() < drainUntil) await sleep(50)
    const drainSeconds = (performance.now() - drainStart) / 1000
    let boardMissing = 0
    for (const room of this.rooms)
      for (const pending of room.pending.values()) boardMissing += pending.waiting
    let awarenessMissing = 0
    for (const pending of this.awarenessPending.values())
      if (pending.measured) awarenessMissing += pending.waiting

    return {
      expected: rooms * this.config.clients,
      synced: this.all.filter((c) => c.isSynced).length,
      openAtEnd: this.all.filter((c) => c.isOpen).length,
      lost: this.lost,
      board: {
        sent: this.boardSent,
        sentTotal: this.boardSentTotal,
        missing: boardMissing,
        latencies: this.boardLatency.values(),
      },
      awareness: {
        sent: this.awarenessSent,
        missing: awarenessMissing,
        latencies: this.awarenessLatency.values(),
      },
      lateness: lateness.values(),
      eventLoopDelay,
      runQueuePercent: runQueue.percent,
      drainSeconds,
    }
  }

  close(): void {
    for (const client of this.all) client.close()
  }

  private outstanding(): number {
    let count = 0
    for (const room of this.rooms) count += room.pending.size
    for (const pending of this.awarenessPending.values()) if (pending.measured) count++
    return count
  }

  private inWindow(due: number): boolean {
    return due >= this.window.start && due < this.window.end
  }

  private writeBoard(local: number, due: number): void {
    const room = this.rooms[local]
    if (!room) return
    const seq = room.nextSeq++
    // Writers take turns; a writer whose socket closed passes its turn to the next open one.
    let writer: LoadClient | undefined
    for (let k = 0; k < room.clients.length && !writer?.isOpen; k++)
      writer = room.clients[(seq + k) % room.clients.length]
    if (!writer?.isOpen) return
    const measured = this.inWindow(due)
    // The item this `set` creates gets the writer's next clock: that id identifies the update.
    const id = `${writer.clientId}:${Y.getState(writer.doc.store, writer.clientId)}`
    room.pending.set(id, pendingFor(room.clients.length, writer.index, performance.now(), measured))
    this.boardSentTotal++
    if (measured) this.boardSent++
    writer.records.set(SHAPE_ID, boardRecord(seq))
  }

  private sendCursor(n: number, due: number): void {
    const client = this.all[n]
    if (!client?.isOpen) return
    const room = this.rooms[client.room] as Room
    const cursor = this.cursors.get(client) ?? { x: 200 + (n % 50) * 10, y: 200 }
    cursor.x += Math.random() * 40 - 20
    cursor.y += Math.random() * 40 - 20
    this.cursors.set(client, cursor)
    const sentAt = performance.now()
    const who = personOf(room.address, client.index)
    const clock = client.sendPresence(presenceState(room.index, client.index, cursor, who))
    const measured = this.inWindow(due)
    if (measured) this.awarenessSent++
    this.awarenessPending.set(
      `${client.clientId}:${clock}`,
      pendingFor(this.config.clients, client.index, sentAt, measured),
    )
  }

  private onUpdate(client: LoadClient, update: Uint8Array, receivedAt: number): void {
    const room = this.rooms[client.room]
    if (!room) return
    for (const id of itemIds(update)) {
      const pending = room.pending.get(id)
      if (!pending) continue
      receive(pending, client.index, receivedAt, this.boardLatency)
      if (pending.waiting === 0) room.pending.delete(id)
    }
  }

  private onAwareness(client: LoadClient, payload: Uint8Array, receivedAt: number): void {
    const decoder = decoding.createDecoder(payload)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      decoding.readVarUint8Array(decoder) // the state's JSON, not needed
      const sender = this.byClientId.get(clientId)
      if (!sender || sender === client) continue
      const key = `${clientId}:${clock}`
      const pending = this.awarenessPending.get(key)
      if (!pending) continue
      receive(pending, client.index, receivedAt, this.awarenessLatency)
      if (pending.waiting === 0) this.awarenessPending.delete(key)
    }
  }
}

/**
 * Fires `perSecond` events a second, evenly spaced from `startAt`, shifted by `phase` of a spacing.
 * An event belongs to the window its due time falls in, even when a late tick fires it after.
 */
class EvenStream {
  private next = 0
  private readonly spacing: number

  constructor(
    perSecond: number,
    private readonly startAt: number,
    private readonly phase: number,
    private readonly fire: (index: number, due: number) => void,
  ) {
    this.spacing = perSecond > 0 ? 1000 / perSecond : Number.POSITIVE_INFINITY
  }

  /** Fires every event due at or before `until`, recording how late each one fires. */
  runDue(until: number, lateness: Samples): void {
    for (;;) {
      const due = this.startAt + (this.next + this.phase) * this.spacing
      if (due > until) return
      lateness.push(performance.now() - due)
      this.fire(this.next, due)
      this.next++
    }
  }
}

function pendingFor(clients: number, writer: number, sentAt: number, measured: boolean): Pending {
  const got = new Uint8Array(clients)
  got[writer] = 1
  return { sentAt, measured, got, waiting: clients - 1 }
}

/** Marks a reception by `client`, once; the writer's own echo (the baseline sends it) is ignored. */
function receive(pending: Pending, client: number, receivedAt: number, latency: Samples): void {
  if (pending.got[client]) return
  pending.got[client] = 1
  pending.waiting--
  if (pending.measured) latency.push(receivedAt - pending.sentAt)
}

/**
 * The ids (`client:clock`) of the items a sync update carries. Ids, not contents, identify what
 * was received: a server re-encodes an update after garbage collection, so a write that lost to a
 * concurrent one (writers take turns, and may overlap when latency nears a second) arrives with
 * its content already deleted.
 */
function itemIds(update: Uint8Array): string[] {
  const { from, to } = Y.parseUpdateMeta(update)
  const ids: string[] = []
  for (const [client, start] of from) {
    const end = to.get(client) ?? start
    for (let clock = start; clock < end; clock++) ids.push(`${client}:${clock}`)
  }
  return ids
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}
