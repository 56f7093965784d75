import {
  CloseCodes,
  type CloseReason,
  DOC_NAMES,
  type DocName,
  MessageType,
  ROLES,
  type Role,
} from '@tradeoff/shared'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { processMetrics } from './processMetrics'
import type { SyncMetrics } from './SyncMetrics'
import type { StoreWrite, StoreWriteTimer } from './TimedStore'

/** Messages and bytes of one message type in one direction, counted as plain numbers. */
interface Tally {
  messages: number
  bytes: number
}

/** Tallies by message type; a frame's first byte is its type (every type we know is below 128). */
class Traffic {
  readonly sync: Tally = { messages: 0, bytes: 0 }
  readonly awareness: Tally = { messages: 0, bytes: 0 }
  readonly other: Tally = { messages: 0, bytes: 0 }

  count(frame: Uint8Array): void {
    const type = frame[0]
    const tally =
      type === MessageType.sync ? this.sync : type === MessageType.awareness ? this.awareness : this.other
    tally.messages += 1
    tally.bytes += frame.length
  }
}

interface CloseTally {
  labels: { code: string; reason: string }
  count: number
}

const MESSAGE_TYPES = ['sync', 'awareness', 'other'] as const
const DIRECTIONS = ['received', 'sent'] as const

/** Store writes take well under a millisecond on a local disk and tens of ms on a networked one. */
const STORE_WRITE_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
]
/** Fan-out crosses a network hop: from a millisecond to seconds when something is wrong. */
const FAN_OUT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

/**
 * One server's metrics, in a prom-client `Registry` of its own (tests start several servers in one
 * process), served as Prometheus text at `/metrics` together with the process's metrics.
 *
 * The hot path (every frame in and out) only adds to plain numbers; they are handed to prom-client
 * when scraped, because prom-client's labelled `inc` builds a string key on every call. Every label
 * value comes from a fixed set: message types, directions, documents, roles and the names of
 * `CloseCodes`. Nothing here ever holds a session id, a participant's name or a token.
 */
export class ServerMetrics implements SyncMetrics, StoreWriteTimer {
  readonly registry = new Registry()
  private readonly traffic = { received: new Traffic(), sent: new Traffic() }
  private readonly open = openTallies()
  private readonly closes = new Map<CloseReason, CloseTally>()
  /** Closes with a reason object not in `CloseCodes`, by code: still counted, as `other`. */
  private readonly otherCloses = new Map<number, CloseTally>()
  private upgradeRefusals = 0
  private readonly storeWrites: Record<StoreWrite, { observe(seconds: number): void }>
  private readonly fanOut: Histogram

  /** `rooms` answers how many rooms this process holds; it is asked at each scrape. */
  constructor(rooms: () => number = () => 0) {
    processMetrics()
    for (const [name, reason] of Object.entries(CloseCodes)) {
      this.closes.set(reason, { labels: { code: String(reason.code), reason: name }, count: 0 })
    }
    const registers = [this.registry]
    const { traffic, open, closes, otherCloses } = this
    const upgradeRefusals = () => this.upgradeRefusals
    new Gauge({
      name: 'tradeoff_sync_connections',
      help: 'Open sync connections, by document and role.',
      labelNames: ['doc', 'role'],
      registers,
      collect() {
        for (const doc of DOC_NAMES) for (const role of ROLES) this.set({ doc, role }, open[doc][role])
      },
    })
    new Gauge({
      name: 'tradeoff_sync_rooms',
      help: 'Rooms (one document of one session each) this process holds, loading or loaded.',
      registers,
      collect() {
        this.set(rooms())
      },
    })
    new Counter({
      name: 'tradeoff_sync_messages_total',
      help: 'Sync websocket messages, by direction and message type (sync, awareness, other).',
      labelNames: ['direction', 'type'],
      registers,
      collect() {
        this.reset()
        for (const direction of DIRECTIONS)
          for (const type of MESSAGE_TYPES) this.inc({ direction, type }, traffic[direction][type].messages)
      },
    })
    new Counter({
      name: 'tradeoff_sync_bytes_total',
      help: 'Bytes of sync websocket messages, by direction and message type.',
      labelNames: ['direction', 'type'],
      registers,
      collect() {
        this.reset()
        for (const direction of DIRECTIONS)
          for (const type of MESSAGE_TYPES) this.inc({ direction, type }, traffic[direction][type].bytes)
      },
    })
    new Counter({
      name: 'tradeoff_sync_closes_total',
      help: 'Sync sockets the server refused or closed, by close code and the name of its reason in CloseCodes.',
      labelNames: ['code', 'reason'],
      registers,
      collect() {
        this.reset()
        for (const tally of closes.values()) this.inc(tally.labels, tally.count)
        for (const tally of otherCloses.values()) this.inc(tally.labels, tally.count)
      },
    })
    new Counter({
      name: 'tradeoff_sync_upgrade_refusals_total',
      help: 'Websocket upgrades answered with an HTTP error instead of a socket, by status (429: over the rate for the address).',
      labelNames: ['status'],
      registers,
      collect() {
        this.reset()
        this.inc({ status: '429' }, upgradeRefusals())
      },
    })
    const storeWrite = new Histogram({
      name: 'tradeoff_store_write_seconds',
      help: 'Time a document store write took, by operation (append: one update to the log; snapshot).',
      labelNames: ['operation'],
      buckets: STORE_WRITE_BUCKETS,
      registers,
    })
    this.storeWrites = { append: storeWrite.labels('append'), snapshot: storeWrite.labels('snapshot') }
    for (const operation of ['append', 'snapshot']) storeWrite.zero({ operation })
    this.fanOut = new Histogram({
      name: 'tradeoff_fanout_seconds',
      help: 'Time from an update being stored to its being handed to this process’s sockets by the fan-out between processes.',
      buckets: FAN_OUT_BUCKETS,
      registers,
    })
  }

  /** The content type of `text()`: Prometheus text format 0.0.4. */
  get contentType(): string {
    return this.registry.contentType
  }

  /** Every metric of this server and of the process, as Prometheus text. */
  text(): Promise<string> {
    return Registry.merge([processMetrics(), this.registry]).metrics()
  }

  received(frame: Uint8Array): void {
    this.traffic.received.count(frame)
  }

  sent(frame: Uint8Array): void {
    this.traffic.sent.count(frame)
  }

  connected(doc: DocName, role: Role): void {
    this.open[doc][role] += 1
  }

  disconnected(doc: DocName, role: Role): void {
    this.open[doc][role] -= 1
  }

  closed(reason: CloseReason): void {
    const tally = this.closes.get(reason) ?? this.otherClose(reason.code)
    tally.count += 1
  }

  upgradeRefused(): void {
    this.upgradeRefusals += 1
  }

  observeFanOut(seconds: number): void {
    if (Number.isFinite(seconds)) this.fanOut.observe(Math.max(0, seconds))
  }

  observeStoreWrite(operation: StoreWrite, seconds: number): void {
    this.storeWrites[operation].observe(seconds)
  }

  private otherClose(code: number): CloseTally {
    let tally = this.otherCloses.get(code)
    if (!tally) {
      tally = { labels: { code: String(code), reason: 'other' }, count: 0 }
      this.otherCloses.set(code, tally)
    }
    return tally
  }
}

function openTallies(): Record<DocName, Record<Role, number>> {
  const byRole = (): Record<Role, number> => ({ interviewer: 0, candidate: 0, reviewer: 0 })
  return { board: byRole(), panel: byRole() }
}
