import { randomUUID } from 'node:crypto'
import type { Logger } from '../logger'
import { AddressRateLimiter } from '../sync/AddressRateLimiter'
import type { RateStoreClass } from './sharedRateStore'

/**
 * What the processes serving one deployment share (README, "Running several processes"). One
 * process alone uses `localCluster`: nothing leaves it. With `REDIS_URL` set, `redisCluster` carries
 * the same calls to every process through Redis. Rooms, the registry and the sync endpoint see only
 * this interface, so one set of sync rules and tests covers both.
 */
export interface Cluster {
  /** This process's id among the others; random per start. */
  readonly processId: string
  /** Whether other processes may serve the same rooms (false for the one-process cluster). */
  readonly shared: boolean
  /** Messages between the copies of one room held by different processes. */
  readonly rooms: RoomBus
  /** Session-wide commands every process acts on (its own included). */
  readonly commands: CommandBus
  /** Connections per room, counted over every process. */
  readonly occupancy: RoomOccupancy
  /** Websocket upgrades per client address, counted over every process. */
  readonly upgrades: UpgradeLimiter
  /**
   * Where the HTTP rate limit counts requests, so it holds over every process: a store class for
   * `@fastify/rate-limit`; absent for one process (the plugin counts in memory).
   */
  readonly httpRateStore?: RateStoreClass
  /**
   * Called when messages between processes may have been lost (the link to the broker dropped and
   * came back): every room must re-read what it missed from the store.
   */
  onResync(handler: () => void): void
  close(): Promise<void>
}

/** A change to one room that the other processes holding it must know. */
export type RoomMessage =
  /** An update that is stored at `seq` in the room's log (published only after it was stored). */
  | { kind: 'update'; seq: number; storedAt: number; update: Uint8Array }
  /** An awareness change, as relayed to interviewers and reviewers and as relayed to candidates. */
  | { kind: 'awareness'; everyone: Uint8Array; candidates: Uint8Array }
  /** A process just loaded the room: the others send the presence of their own connections. */
  | { kind: 'hello' }

export interface RoomBus {
  /**
   * Starts receiving the messages other processes publish for `room`. Resolves once receiving has
   * begun: nothing published after that is missed (unless the broker link drops: see `onResync`).
   */
  subscribe(room: string, onMessage: (message: RoomMessage, from: string) => void): Promise<RoomChannel>
}

export interface RoomChannel {
  /** Sends to the other processes holding the room. Never throws; a failed send is logged. */
  publish(message: RoomMessage): void
  /** Stops receiving. */
  close(): Promise<void>
}

export type Command =
  /** The session was deleted: drop its rooms without storing them, close their sockets. */
  { kind: 'evict'; sessionId: string }

export interface CommandBus {
  /** Delivers `command` to every process, this one included; resolves once it was sent. */
  publish(command: Command): Promise<void>
  /** Handles the commands of every process. One handler per process. */
  handle(handler: (command: Command) => void | Promise<void>): void
}

export interface RoomOccupancy {
  /** Counts one more connection into `room` unless it already holds `max`; false when full. */
  admit(room: string, max: number): Promise<boolean>
  /** Counts a connection admitted earlier out of `room`. */
  leave(room: string): void
}

export interface UpgradeLimiter {
  /** Spends one upgrade of `address`; false when it is over `perMinute` in the last minute. */
  take(address: string): Promise<boolean>
}

/** The cluster of one process: rooms hear nothing from elsewhere, counts are kept in memory. */
export function localCluster(options: { upgradesPerMinute: number; now: () => number }): Cluster {
  const counts = new Map<string, number>()
  const upgrades = new AddressRateLimiter(options.upgradesPerMinute, options.now)
  let onCommand: (command: Command) => void | Promise<void> = () => {}
  const silent: RoomChannel = { publish() {}, close: async () => {} }
  return {
    processId: randomUUID(),
    shared: false,
    rooms: { subscribe: async () => silent },
    commands: {
      publish: async (command) => {
        await onCommand(command)
      },
      handle(handler) {
        onCommand = handler
      },
    },
    occupancy: {
      async admit(room, max) {
        const count = counts.get(room) ?? 0
        if (count >= max) return false
        counts.set(room, count + 1)
        return true
      },
      leave(room) {
        const count = (counts.get(room) ?? 0) - 1
        if (count > 0) counts.set(room, count)
        else counts.delete(room)
      },
    },
    upgrades: { take: async (address) => upgrades.take(address) },
    onResync() {},
    async close() {},
  }
}

/** Thrown when a room cannot be shared with the other processes right now (Redis out of reach). */
export class ClusterUnavailable extends Error {
  constructor(cause: unknown) {
    super('the other processes cannot be reached right now', { cause })
    this.name = 'ClusterUnavailable'
  }
}

/** Logs a failed cluster call; the callers keep serving (see each caller for what it falls back to). */
export function logClusterFailure(logger: Logger, what: string, error: unknown): void {
  logger.warn({ err: error }, `cluster: ${what} failed`)
}
