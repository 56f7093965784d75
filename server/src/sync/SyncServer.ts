import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import {
  CLIENT_VERSION_PARAM,
  CloseCodes,
  type CloseReason,
  type DocName,
  isDocName,
  isSessionId,
} from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import type { Identity } from '../access/Identity'
import type { Cluster } from '../cluster/Cluster'
import type { Logger } from '../logger'
import type { SyncMetrics } from '../metrics/SyncMetrics'
import { Connection } from './Connection'
import { Refusal } from './Refusal'
import type { Room } from './Room'
import { type RoomRegistry, StoreUnavailable } from './RoomRegistry'
import { TokenBucket } from './TokenBucket'

/** The ping sweep's slices: a connection is pinged every `pingIntervalMs`, a tenth of them at a time. */
const PING_SLICES = 10

/** Decides who is behind a connection; throws a Refusal with the close code when nobody may. */
export type AuthorizeSync = (sessionId: string, doc: DocName, token: string | null) => Promise<Identity>

export interface SyncServerOptions {
  registry: RoomRegistry
  authorize: AuthorizeSync
  logger: Logger
  now: () => number
  pingIntervalMs: number
  limits: Limits
  /** The address an upgrade is counted under (the peer's, or the client's behind a trusted proxy). */
  clientAddress?: (request: IncomingMessage) => string
  /** Counts connections per room and upgrades per address over every process serving the rooms. */
  cluster: Pick<Cluster, 'occupancy' | 'upgrades'>
  /**
   * The client code versions this server serves (file names of the built app's bundles). A tab
   * that says it runs another is told to reload; empty accepts every tab.
   */
  clientVersions?: ReadonlySet<string>
  /** Counts what the endpoint does, for `/metrics`; nothing is counted without it. */
  metrics?: SyncMetrics
}

/**
 * The websocket endpoint `/sync/<sessionId>/<doc>?token=...`: limits upgrades per address,
 * authorizes each socket, hands it to its room once the room is loaded, enforces size and rate
 * limits, and closes sockets that stop answering pings. Frames that arrive while the room loads
 * are queued, within the same rate limits, not dropped.
 *
 * Nothing a client sends can end in an unhandled rejection: every failure closes that one socket.
 */
export class SyncServer {
  private readonly wss: WebSocketServer
  private readonly connections = new Set<Connection>()
  private readonly pingTimer: NodeJS.Timeout
  /** Which slice of the connections the next ping sweep visits. */
  private pingSlice = 0

  constructor(private readonly options: SyncServerOptions) {
    // Frames up to the limit are read and refused with 4413; four times larger are cut off by `ws` (1009).
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxMessageBytes * 4,
      perMessageDeflate: false,
    })
    this.pingTimer = setInterval(() => this.sweep(), options.pingIntervalMs / PING_SLICES)
    this.pingTimer.unref()
  }

  /** Takes an HTTP upgrade if it is for the sync endpoint; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const target = parseSyncTarget(request.url ?? '/')
    if (!target) return false
    const address = this.options.clientAddress?.(request) ?? request.socket.remoteAddress ?? 'unknown'
    this.options.cluster.upgrades.take(address).then(
      (allowed) => {
        if (socket.destroyed) return
        if (!allowed) {
          this.options.logger.warn('refused a websocket upgrade: over the rate for its address')
          this.options.metrics?.upgradeRefused()
          refuseUpgrade(
            socket,
            429,
            'rate_limited',
            'too many connections from this address; try again in a minute',
          )
          return
        }
        this.wss.handleUpgrade(request, socket, head, (ws) => {
          this.accept(ws, socket, target).catch((error: unknown) => {
            this.options.logger.error({ err: error }, 'a sync connection failed')
            ws.terminate()
          })
        })
      },
      (error: unknown) => {
        this.options.logger.error({ err: error }, 'could not count an upgrade')
        socket.destroy()
      },
    )
    return true
  }

  /** Stops pinging and closes the endpoint; rooms are stored and closed by the registry. */
  close(): void {
    clearInterval(this.pingTimer)
    for (const connection of this.connections) connection.close(CloseCodes.serverRestart)
    this.wss.close()
  }

  /** The number of open sync connections. */
  get size(): number {
    return this.connections.size
  }

  private async accept(ws: WebSocket, socket: Duplex, target: SyncTarget): Promise<void> {
    const { limits, now } = this.options
    const messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now)
    const bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst, now)
    /** Why a frame must not be handled, or null when it may. */
    const overLimit = (frame: Uint8Array): CloseReason | null => {
      if (frame.length > limits.maxMessageBytes) return CloseCodes.tooLarge
      if (!messages.take() || !bytes.take(frame.length)) return CloseCodes.rateLimited
      return null
    }
    const queued: Uint8Array[] = []
    let deliver: (frame: Uint8Array) => void = (frame) => {
      const refusal = overLimit(frame)
      if (refusal) {
        if (ws.readyState === WebSocket.OPEN) this.options.metrics?.closed(refusal)
        ws.close(refusal.code, refusal.reason)
      } else queued.push(frame)
    }
    ws.on('message', (data: RawData) => deliver(toBytes(data)))
    ws.on('error', (error) => this.options.logger.debug({ err: error }, 'socket error'))

    let room: Room
    let connection: Connection
    try {
      const { sessionId, doc, token, version } = target
      if (
        version !== null &&
        this.options.clientVersions?.size &&
        !this.options.clientVersions.has(version)
      ) {
        throw new Refusal(CloseCodes.appUpdated, 'the tab runs an older build')
      }
      const identity = await this.options.authorize(sessionId, doc, token)
      connection = new Connection(ws, socket, identity, limits, now, this.options.metrics)
      room = await this.options.registry.acquire({ sessionId, doc })
      if (!(await this.options.cluster.occupancy.admit(room.name, limits.maxConnectionsPerRoom))) {
        this.options.registry.release(room)
        throw new Refusal(CloseCodes.roomFull, 'room is full')
      }
    } catch (error) {
      const refusal = toRefusal(error)
      if (!(error instanceof Refusal) && !(error instanceof StoreUnavailable))
        this.options.logger.error({ err: error }, 'could not open a room')
      this.options.logger.info(
        { code: refusal.close.code, detail: refusal.detail },
        'refused a sync connection',
      )
      if (ws.readyState === WebSocket.OPEN) this.options.metrics?.closed(refusal.close)
      ws.close(refusal.close.code, refusal.close.reason)
      return
    }
    if (ws.readyState !== WebSocket.OPEN) {
      this.options.cluster.occupancy.leave(room.name)
      this.options.registry.release(room)
      return
    }
    // Who a log line is about, built per line: a child logger per connection would keep its
    // serialized bindings in memory for the socket's whole life, thousands of them at once.
    const { logger } = this.options
    const about = () => ({ room: room.name, connection: connection.id, role: connection.identity.role })
    this.connections.add(connection)
    this.options.metrics?.connected(room.key.doc, connection.identity.role)
    ws.on('pong', () => {
      connection.alive = true
    })
    ws.on('close', (code) => {
      connection.closed = true
      this.connections.delete(connection)
      this.options.metrics?.disconnected(room.key.doc, connection.identity.role)
      this.options.cluster.occupancy.leave(room.name)
      try {
        room.leave(connection)
        this.options.registry.release(room)
      } catch (error) {
        logger.error({ ...about(), err: error }, 'leaving a room failed')
      }
      logger.info({ ...about(), code }, 'sync connection closed')
    })
    room.join(connection)
    logger.info(about(), 'sync connection opened')

    deliver = (frame) => {
      if (connection.closed) return
      this.options.metrics?.received(frame)
      const refusal = overLimit(frame)
      if (refusal) {
        logger.warn({ ...about(), code: refusal.code }, refusal.reason)
        connection.close(refusal)
        return
      }
      room.receive(connection, frame)
    }
    for (const frame of queued.splice(0)) deliver(frame)
  }

  /**
   * Pings one slice of the connections (each is pinged once per `pingIntervalMs`), and terminates
   * those that did not answer the previous ping. In slices, so ten thousand sockets are never all
   * pinged, and never all answer, within one turn of the event loop.
   */
  private sweep(): void {
    const slice = this.pingSlice
    this.pingSlice = (slice + 1) % PING_SLICES
    for (const connection of this.connections) {
      if (connection.id % PING_SLICES !== slice) continue
      if (!connection.alive) {
        this.options.logger.info(
          { connection: connection.id },
          'closing a connection that stopped answering pings',
        )
        connection.socket.terminate()
        continue
      }
      connection.alive = false
      try {
        connection.socket.ping()
      } catch {
        connection.socket.terminate()
      }
    }
  }
}

/** What a sync upgrade asks for, with the session id in its one canonical spelling. */
interface SyncTarget {
  sessionId: string
  doc: DocName
  token: string | null
  version: string | null
}

/**
 * Reads `/sync/<sessionId>/<doc>?token=...` from a request target. Returns null for a path outside
 * the sync endpoint. A session id is percent-decoded once and must then be a session id as the
 * server makes them, so every spelling of one id names one room; anything else gets an empty id,
 * which the authorizer refuses with 4404.
 */
export function parseSyncTarget(requestUrl: string): SyncTarget | null {
  let url: URL
  try {
    url = new URL(requestUrl, 'http://localhost')
  } catch {
    return null
  }
  const [, endpoint, rawId = '', rawDoc = '', ...rest] = url.pathname.split('/')
  if (endpoint !== 'sync') return null
  const sessionId = decodeSegment(rawId)
  const doc = decodeSegment(rawDoc)
  const known = rest.length === 0 && isDocName(doc) && isSessionId(sessionId)
  return {
    sessionId: known ? sessionId : '',
    doc: isDocName(doc) ? doc : 'board',
    token: url.searchParams.get('token'),
    version: url.searchParams.get(CLIENT_VERSION_PARAM),
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return ''
  }
}

/**
 * The close for a connection that could not be opened. Refusals carry their own code; anything
 * else is a fault on this side (the database or Redis out of reach while checking the token or
 * loading the room), so the client is told to try again shortly (1013) and its tab keeps retrying,
 * rather than being told the session does not exist.
 */
function toRefusal(error: unknown): Refusal {
  if (error instanceof Refusal) return error
  if (error instanceof StoreUnavailable) return new Refusal(CloseCodes.storageUnavailable, error.message)
  return new Refusal(CloseCodes.storageUnavailable, 'could not open the room')
}

/** Answers an upgrade that will not be taken with a plain HTTP error in the API's shape. */
function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } })
  const reason = status === 429 ? 'Too Many Requests' : 'Bad Request'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
