/**
 * The benchmark workload against one server: rooms of clients connect in batches, then every room
 * writes one board update a second (writers take turns) and every client sends one cursor a second,
 * spread evenly over the second. Fan-out latency is measured from the writer's `set` to each other
 * client's receipt; after the window, stragglers get `drainSeconds` before missing ones count as lost.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { LoadClient, type LoadClientEvents } from './loadClient'
import {
  CpuWindow,
  cpuSeconds,
  cpuSplit,
  MemorySampler,
  machineBusySeconds,
  ownCpuSeconds,
  Samples,
  type Summary,
} from './measure'
import { boardRecord, presenceState, SHAPE_ID } from './payloads'
import { connectUrl, personOf, type RoomAddress } from './rooms'

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
    cpuPercent: number
    /** Event-loop delay beyond the monitor's 10 ms timer, ms. */
    eventLoopDelay: { p50: number; p99: number; max: number }
    /** How late the pacer fired events, ms. */
    lateness: Summary
  }
}

const LOOP_RESOLUTION_MS = 10

/** One board update waiting for the other clients of its room. */
interface Pending {
  sentAt: number
  measured: boolean
  /** Which clients got it (the writer counts as having it). */
  got: Uint8Array
  waiting: number
}

interface Room {
  clients: LoadClient[]
  nextSeq: number
  /** Board updates not yet everywhere, by the Yjs id (`client:clock`) of the item they wrote. */
  pending: Map<string, Pending>
}

interface Window {
  start: number
  end: number
}

/**
 * Runs the workload against `wsUrl`, one room per address; `serverPid` is the process whose CPU
 * and memory are read. With several server processes (`npm run bench:scale`), `wsUrl` lists them
 * and client c of room r connects to process (r + c) mod n, so every room spans processes; CPU is
 * summed over `serverPid`'s processes and peak RSS is that of the largest.
 */
export async function runWorkload(
  wsUrl: string | readonly string[],
  addresses: RoomAddress[],
  serverPid: number | readonly number[],
  options: WorkloadOptions,
  log: (line: string) => void,
): Promise<WorkloadResult> {
  const pids = typeof serverPid === 'number' ? [serverPid] : serverPid
  const urls = typeof wsUrl === 'string' ? [wsUrl] : wsUrl
  const memories = pids.map((pid) => new MemorySampler(pid, 500))
  const memory = memories[0] as MemorySampler
  const startRssBytes = Math.max(...memories.map((m) => m.lastBytes))
  const sum = (read: (pid: number) => number) => () => pids.reduce((total, pid) => total + read(pid), 0)
  const serverCpu = new CpuWindow(sum(cpuSeconds))
  const serverUserCpu = new CpuWindow(sum((pid) => cpuSplit(pid).user))
  const serverSystemCpu = new CpuWindow(sum((pid) => cpuSplit(pid).system))
  const generatorCpu = new CpuWindow(ownCpuSeconds)
  const machineCpu = new CpuWindow(machineBusySeconds)
  const window: Window = { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY }
  const rooms: Room[] = []
  const byClientId = new Map<number, LoadClient>()
  const boardLatency = new Samples()
  const awarenessLatency = new Samples()
  const awarenessPending = new Map<string, Pending>()
  const lost: Record<string, number> = {}
  let boardSent = 0
  let boardSentTotal = 0
  let awarenessSent = 0

  const events: LoadClientEvents = {
    onUpdate(client, update, receivedAt) {
      const room = rooms[client.room]
      if (!room) return
      for (const id of itemIds(update)) {
        const pending = room.pending.get(id)
        if (!pending) continue
        receive(pending, client.index, receivedAt, boardLatency)
        if (pending.waiting === 0) room.pending.delete(id)
      }
    },
    onAwareness(client, payload, receivedAt) {
      const decoder = decoding.createDecoder(payload)
      const count = decoding.readVarUint(decoder)
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(decoder)
        const clock = decoding.readVarUint(decoder)
        decoding.readVarUint8Array(decoder) // the state's JSON, not needed
        const sender = byClientId.get(clientId)
        if (!sender || sender === client) continue
        const key = `${clientId}:${clock}`
        const pending = awarenessPending.get(key)
        if (!pending) continue
        receive(pending, client.index, receivedAt, awarenessLatency)
        if (pending.waiting === 0) awarenessPending.delete(key)
      }
    },
    onLost(_client, code) {
      lost[code] = (lost[code] ?? 0) + 1
    },
  }

  // Ramp up: room by room, `batch` connections at a time, each batch fully synced before the next.
  const rampStart = performance.now()
  const all: LoadClient[] = []
  for (let r = 0; r < options.rooms; r++) rooms.push({ clients: [], nextSeq: 1, pending: new Map() })
  const total = options.rooms * options.clients
  for (let first = 0; first < total; first += options.batch) {
    const batch: LoadClient[] = []
    for (let n = first; n < Math.min(total, first + options.batch); n++) {
      const r = Math.floor(n / options.clients)
      const room = rooms[r]
      const address = addresses[r]
      if (!room || !address) throw new Error(`no address for room ${r}`)
      const client = new LoadClient(
        connectUrl(urls[(r + room.clients.length) % urls.length] as string, address, room.clients.length),
        r,
        room.clients.length,
        events,
      )
      room.clients.push(client)
      byClientId.set(client.clientId, client)
      batch.push(client)
      all.push(client)
    }
    await withTimeout(
      Promise.all(batch.map((c) => c.synced)),
      30_000,
      `batch at connection ${first} did not sync`,
    )
  }
  const rampSeconds = (performance.now() - rampStart) / 1000
  const since = (at: number) => Math.round((at - rampStart) / 100) / 10
  log(
    `  ${all.length} connections synced in ${rampSeconds.toFixed(1)} s; warming up ${options.warmupSeconds} s`,
  )

  const inWindow = (due: number) => due >= window.start && due < window.end

  const writeBoard = (r: number, due: number) => {
    const room = rooms[r]
    if (!room) return
    const seq = room.nextSeq++
    // Writers take turns; a writer whose socket closed passes its turn to the next open one.
    let writer: LoadClient | undefined
    for (let k = 0; k < room.clients.length && !writer?.isOpen; k++)
      writer = room.clients[(seq + k) % room.clients.length]
    if (!writer?.isOpen) return
    const measured = inWindow(due)
    // The item this `set` creates gets the writer's next clock: that id identifies the update.
    const id = `${writer.clientId}:${Y.getState(writer.doc.store, writer.clientId)}`
    room.pending.set(id, pendingFor(room.clients.length, writer.index, performance.now(), measured))
    boardSentTotal++
    if (measured) boardSent++
    writer.records.set(SHAPE_ID, boardRecord(seq))
  }

  const cursors = new Map<LoadClient, { x: number; y: number }>()
  const sendCursor = (n: number, due: number) => {
    const client = all[n]
    if (!client?.isOpen) return
    const cursor = cursors.get(client) ?? { x: 200 + (n % 50) * 10, y: 200 }
    cursor.x += Math.random() * 40 - 20
    cursor.y += Math.random() * 40 - 20
    cursors.set(client, cursor)
    const sentAt = performance.now()
    const room = addresses[client.room]
    const who = room ? personOf(room, client.index) : null
    const clock = client.sendPresence(presenceState(client.room, client.index, cursor, who))
    const measured = inWindow(due)
    if (measured) awarenessSent++
    awarenessPending.set(
      `${client.clientId}:${clock}`,
      pendingFor(options.clients, client.index, sentAt, measured),
    )
  }

  // Pacing: each stream fires its events evenly spaced over the second, the two streams interleaved.
  const lateness = new Samples()
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  loopDelay.enable()
  const startAt = performance.now() + 10
  const streams = [
    new EvenStream(options.rooms * options.updateRate, startAt, 0, (i, due) =>
      writeBoard(i % options.rooms, due),
    ),
    new EvenStream(total * options.awarenessRate, startAt, 0.5, (i, due) => sendCursor(i % total, due)),
  ]
  window.start = startAt + options.warmupSeconds * 1000
  window.end = window.start + options.seconds * 1000

  await new Promise<void>((resolve) => {
    let windowStarted = false
    const timer = setInterval(() => {
      const now = performance.now()
      if (!windowStarted && now >= window.start) {
        windowStarted = true
        serverCpu.start()
        serverUserCpu.start()
        serverSystemCpu.start()
        generatorCpu.start()
        machineCpu.start()
        loopDelay.reset()
      }
      // Events due before the end still fire when the tick comes late; none after it.
      for (const stream of streams) stream.runDue(Math.min(now, window.end - 0.001), lateness)
      if (now >= window.end) {
        clearInterval(timer)
        resolve()
      }
    }, 2)
  })
  serverCpu.stop()
  serverUserCpu.stop()
  serverSystemCpu.stop()
  generatorCpu.stop()
  machineCpu.stop()
  // The histogram holds the time between the monitor's timer runs, so its resolution is subtracted.
  const lag = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_RESOLUTION_MS)
  const eventLoopDelay = {
    p50: lag(loopDelay.percentile(50)),
    p99: lag(loopDelay.percentile(99)),
    max: lag(loopDelay.max),
  }
  loopDelay.disable()

  // Stragglers: wait until every board update and every window cursor is everywhere, or give up
  // after drainSeconds.
  const drainStart = performance.now()
  const drainUntil = drainStart + options.drainSeconds * 1000
  const outstanding = () =>
    rooms.reduce((sum, room) => sum + room.pending.size, 0) +
    [...awarenessPending.values()].filter((pending) => pending.measured).length
  while (outstanding() > 0 && performance.now() < drainUntil) await sleep(50)
  const drainSeconds = (performance.now() - drainStart) / 1000
  const boardMissing = rooms.reduce(
    (sum, room) => sum + [...room.pending.values()].reduce((s, p) => s + p.waiting, 0),
    0,
  )
  let awarenessMissing = 0
  for (const pending of awarenessPending.values()) if (pending.measured) awarenessMissing += pending.waiting

  for (const each of memories) {
    each.sample()
    each.stop()
  }
  const openAtEnd = all.filter((c) => c.isOpen).length
  const synced = all.filter((c) => c.isSynced).length
  for (const client of all) client.close()

  return {
    connections: { expected: total, synced, openAtEnd, rampSeconds, lost },
    drainSeconds,
    board: {
      sent: boardSent,
      sentTotal: boardSentTotal,
      latency: boardLatency.summary(),
      missing: boardMissing,
      expected: boardSentTotal * (options.clients - 1),
    },
    awareness: {
      sent: awarenessSent,
      latency: awarenessLatency.summary(),
      missing: awarenessMissing,
      expected: awarenessSent * (options.clients - 1),
    },
    server: {
      cpuPercent: serverCpu.percent,
      userCpuPercent: serverUserCpu.percent,
      systemCpuPercent: serverSystemCpu.percent,
      startRssBytes,
      peakRssBytes: Math.max(...memories.map((m) => m.peakBytes)),
      endRssBytes: Math.max(...memories.map((m) => m.lastBytes)),
      rssTimeline: memory.timeline,
      phases: {
        rampEnd: since(rampStart + rampSeconds * 1000),
        windowStart: since(window.start),
        windowEnd: since(window.end),
      },
    },
    otherCpuPercent: Math.max(0, machineCpu.percent - serverCpu.percent - generatorCpu.percent),
    generator: { cpuPercent: generatorCpu.percent, eventLoopDelay, lateness: lateness.summary() },
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
