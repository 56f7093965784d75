import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../logger'
import { AddressRateLimiter } from '../sync/AddressRateLimiter'
import {
  type Cluster,
  ClusterUnavailable,
  type Command,
  logClusterFailure,
  type RoomChannel,
  type RoomMessage,
} from './Cluster'
import { decodeCommand, decodeRoomMessage, encodeCommand, encodeRoomMessage } from './messages'
import { sharedRateStore } from './sharedRateStore'

/** How long a process counts as alive after its last heartbeat, and how often it beats. */
const ALIVE_MS = 15_000
const HEARTBEAT_MS = 5_000
/** Occupancy counts of a room nobody touched for this long are dropped by Redis. */
const OCCUPANCY_TTL_S = 24 * 60 * 60
/** A command to Redis that takes longer fails, so a hung link never holds a join or a publish. */
const COMMAND_TIMEOUT_MS = 3_000

/**
 * Counts a connection into a room unless the live processes already hold `max` there. Counts of
 * processes whose heartbeat expired (killed, cut off) are dropped first, so a dead process never
 * keeps a room full. KEYS[1] the room's hash (process id -> count); ARGV: process id, max, the
 * prefix of heartbeat keys, ttl.
 */
const ADMIT = `
local total = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  if fields[i] == ARGV[1] or redis.call('EXISTS', ARGV[3] .. fields[i]) == 1 then
    total = total + tonumber(fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`

/** Counts a connection out; the field goes when it reaches zero. KEYS[1] the hash; ARGV[1] the id. */
const LEAVE = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`

/** A fixed one-minute window per address. KEYS[1] the counter; ARGV[1] the window in ms. */
const COUNT_UPGRADE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`

export interface RedisClusterOptions {
  url: string
  /** Put before every key and channel name, so deployments (or test runs) can share one Redis. */
  prefix: string
  upgradesPerMinute: number
  now: () => number
  logger: Logger
}

/**
 * The cluster of several processes, through Redis: room messages and commands on pub/sub channels,
 * connection counts and upgrade rates in keys updated by small scripts (atomic on the server).
 *
 * Pub/sub delivers at most once: a message published while a subscriber's link is down is lost
 * for it. Every room message is also in the store (updates) or repeated soon (presence), so after
 * a link comes back each process re-reads what its rooms missed (`onResync`), and asks the others
 * to do the same, since their messages from this process may have been lost too.
 *
 * When Redis cannot be reached, limits fall back to this process's own counts (logged) rather than
 * refusing everyone.
 */
export async function redisCluster(options: RedisClusterOptions): Promise<Cluster> {
  const { prefix, logger } = options
  const processId = randomUUID()
  const channelOf = (room: string) => `${prefix}room:${room}`
  const commandChannel = `${prefix}commands`
  const resyncChannel = `${prefix}resync`
  const aliveKey = (id: string) => `${prefix}process:${id}`
  const connect = (name: string) =>
    new Redis(options.url, {
      lazyConnect: true,
      connectionName: `tradeoff-${name}`,
      // While the link is down, calls fail at once (each caller has its fallback) instead of waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    })
  const commands = connect('commands')
  const subscriber = connect('subscriber')
  // The URL may hold a password: messages name the host only.
  const host = (() => {
    try {
      return new URL(options.url).host
    } catch {
      return 'REDIS_URL'
    }
  })()
  try {
    await Promise.all([commands.connect(), subscriber.connect()])
  } catch (error) {
    commands.disconnect()
    subscriber.disconnect()
    const reason = error instanceof Error && error.message ? error.message : String(error)
    throw new Error(`Redis at ${host} (REDIS_URL) cannot be used: ${reason}`)
  }

  /**
   * Per room channel, whether another process may be listening: false once a publish reached only
   * this process's own subscriber, true again when a message of another process arrives (a process
   * that loads the room always says `hello`). Presence is not published to nobody; stored updates
   * always are, since a process loading the room may have subscribed a moment ago.
   */
  const othersListening = new Map<string, boolean>()
  /** Handlers per room channel: a room being unloaded and its successor may overlap for a moment. */
  const roomHandlers = new Map<string, Set<(message: RoomMessage, from: string) => void>>()
  let commandHandler: (command: Command) => void | Promise<void> = () => {}
  const resyncHandlers: Array<() => void> = []
  const resync = () => {
    for (const handler of resyncHandlers) handler()
  }

  subscriber.on('messageBuffer', (channelBytes: Buffer, bytes: Buffer) => {
    const channel = channelBytes.toString()
    if (channel === commandChannel) {
      const command = decodeCommand(bytes.toString())
      if (command) {
        Promise.resolve(commandHandler(command)).catch((error: unknown) =>
          logClusterFailure(logger, `the command ${command.kind}`, error),
        )
      }
      return
    }
    if (channel === resyncChannel) {
      if (bytes.toString() !== processId) resync()
      return
    }
    const handlers = roomHandlers.get(channel)
    if (!handlers) return
    let decoded: ReturnType<typeof decodeRoomMessage>
    try {
      decoded = decodeRoomMessage(bytes)
    } catch (error) {
      logClusterFailure(logger, 'reading a room message', error)
      return
    }
    if (decoded.from === processId) return
    othersListening.set(channel, true)
    for (const handler of handlers) handler(decoded.message, decoded.from)
  })
  await subscriber.subscribe(commandChannel, resyncChannel)

  // After a lost link: ioredis subscribes again by itself; then re-read what may have been missed.
  // Each link counts on its own: the subscriber may come back later than the other.
  let publishesLost = false
  /** Others may have missed a publish of this process: they re-read their rooms from the store. */
  const askOthersToReRead = () => {
    publishesLost = false
    commands.publish(resyncChannel, processId).catch((error: unknown) => {
      publishesLost = true
      logClusterFailure(logger, 'asking the other processes to re-read', error)
    })
  }
  const onLinkBack = () => {
    logger.warn('cluster: the link to Redis is back; rooms re-read what they may have missed')
    resync()
    askOthersToReRead()
  }
  for (const client of [commands, subscriber]) {
    let lost = false
    client.on('error', (error: Error) => logger.warn({ err: error }, 'cluster: Redis link error'))
    client.on('close', () => {
      lost = true
    })
    client.on('ready', () => {
      if (!lost && !(client === commands && publishesLost)) return
      lost = false
      onLinkBack()
    })
  }

  const beat = () =>
    commands.set(aliveKey(processId), '1', 'PX', ALIVE_MS).catch((error: unknown) => {
      logClusterFailure(logger, 'the heartbeat', error)
    })
  await beat()
  const heartbeat = setInterval(beat, HEARTBEAT_MS)
  heartbeat.unref()

  const localCounts = new Map<string, number>()
  const fallbackUpgrades = new AddressRateLimiter(options.upgradesPerMinute, options.now)

  return {
    processId,
    shared: true,
    httpRateStore: sharedRateStore(commands, `${prefix}http:`, logger),
    rooms: {
      async subscribe(room, onMessage) {
        const channel = channelOf(room)
        let handlers = roomHandlers.get(channel)
        if (!handlers) {
          handlers = new Set()
          roomHandlers.set(channel, handlers)
        }
        handlers.add(onMessage)
        try {
          await subscriber.subscribe(channel)
        } catch (error) {
          handlers.delete(onMessage)
          throw new ClusterUnavailable(error)
        }
        let open = true
        const roomChannel: RoomChannel = {
          publish(message) {
            if (!open) return
            if (message.kind === 'awareness' && othersListening.get(channel) === false) return
            commands
              .publish(channel, Buffer.from(encodeRoomMessage(processId, message)))
              .then((receivers) => {
                // This process's own subscriber is one of them.
                if (open) othersListening.set(channel, receivers > 1)
                if (publishesLost) askOthersToReRead()
              })
              .catch((error: unknown) => {
                // Lost for the others until they re-read the store (see onLinkBack).
                publishesLost = true
                logClusterFailure(logger, `publishing a ${message.kind} message`, error)
              })
          },
          async close() {
            if (!open) return
            open = false
            const handlers = roomHandlers.get(channel)
            handlers?.delete(onMessage)
            if (handlers && handlers.size > 0) return
            roomHandlers.delete(channel)
            othersListening.delete(channel)
            await subscriber.unsubscribe(channel).catch((error: unknown) => {
              logClusterFailure(logger, 'unsubscribing from a room', error)
            })
          },
        }
        return roomChannel
      },
    },
    commands: {
      async publish(command) {
        await commands.publish(commandChannel, encodeCommand(command))
      },
      handle(handler) {
        commandHandler = handler
      },
    },
    occupancy: {
      async admit(room, max) {
        const key = `${prefix}occupancy:${room}`
        let admitted: boolean
        try {
          const answer = await commands.eval(
            ADMIT,
            1,
            key,
            processId,
            max,
            `${prefix}process:`,
            OCCUPANCY_TTL_S,
          )
          admitted = answer === 1
        } catch (error) {
          logClusterFailure(logger, 'counting a connection (this process counts alone)', error)
          admitted = (localCounts.get(room) ?? 0) < max
        }
        if (admitted) localCounts.set(room, (localCounts.get(room) ?? 0) + 1)
        return admitted
      },
      leave(room) {
        const count = (localCounts.get(room) ?? 0) - 1
        if (count > 0) localCounts.set(room, count)
        else localCounts.delete(room)
        commands.eval(LEAVE, 1, `${prefix}occupancy:${room}`, processId).catch((error: unknown) => {
          // The count is dropped with this process's heartbeat when it stops.
          logClusterFailure(logger, 'counting a connection out', error)
        })
      },
    },
    upgrades: {
      async take(address) {
        try {
          const count = await commands.eval(COUNT_UPGRADE, 1, `${prefix}upgrades:${address}`, 60_000)
          return Number(count) <= options.upgradesPerMinute
        } catch (error) {
          logClusterFailure(logger, 'counting an upgrade (this process counts alone)', error)
          return fallbackUpgrades.take(address)
        }
      },
    },
    onResync(handler) {
      resyncHandlers.push(handler)
    },
    async close() {
      clearInterval(heartbeat)
      // The others stop counting this process's connections at once.
      await commands.del(aliveKey(processId)).catch(() => undefined)
      subscriber.disconnect()
      await commands.quit().catch(() => commands.disconnect())
    },
  }
}
