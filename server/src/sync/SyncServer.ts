import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { CloseCodes, type DocName, isDocName } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import type { Identity } from '../access/Identity'
import type { Logger } from '../logger'
import { Connection } from './Connection'
import { Refusal } from './Refusal'
import type { Room } from './Room'
import type { RoomRegistry } from './RoomRegistry'
import { TokenBucket } from './TokenBucket'

/** Decides who is behind a connection; throws a Refusal with the close code when nobody may. */
export type AuthorizeSync = (sessionId: string, doc: DocName, token: string | null) => Promise<Identity>

export interface SyncServerOptions {
  registry: RoomRegistry
  authorize: AuthorizeSync
  logger: Logger
  now: () => number
  pingIntervalMs: number
  limits: Limits
}

/**
 * The websocket endpoint `/sync/<sessionId>/<doc>?token=...`: authorizes each socket, hands it
 * to its room once the room is loaded, enforces size and rate limits, and closes sockets that stop
 * answering pings. Frames that arrive while the room loads are queued, not dropped.
 */
export class SyncServer {
  private readonly wss: WebSocketServer
  private readonly connections = new Set<Connection>()
  private readonly pingTimer: NodeJS.Timeout

  constructor(private readonly options: SyncServerOptions) {
    // Frames up to the limit are read and refused with 4413; four times larger are cut off by `ws` (1009).
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxMessageBytes * 4,
      perMessageDeflate: false,
    })
    this.pingTimer = setInterval(() => this.sweep(), options.pingIntervalMs)
    this.pingTimer.unref()
  }

  /** Takes an HTTP upgrade if it is for the sync endpoint; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const parts = url.pathname.split('/')
    if (parts[1] !== 'sync') return false
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      void this.accept(ws, parts.slice(2), url.searchParams.get('token'))
    })
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

  private async accept(ws: WebSocket, path: string[], token: string | null): Promise<void> {
    const queued: Uint8Array[] = []
    let deliver: (frame: Uint8Array) => void = (frame) => {
      queued.push(frame)
    }
    ws.on('message', (data: RawData) => deliver(toBytes(data)))
    ws.on('error', (error) => this.options.logger.debug({ err: error }, 'socket error'))
    let room: Room
    let connection: Connection
    try {
      const [sessionId = '', doc = '', ...rest] = path
      if (rest.length > 0 || !isDocName(doc)) throw new Refusal(CloseCodes.notFound, 'unknown document')
      const identity = await this.options.authorize(decodeURIComponent(sessionId), doc, token)
      connection = new Connection(ws, identity, this.options.limits.maxBufferedBytes)
      room = await this.options.registry.acquire({ sessionId, doc })
      if (room.connections.size >= this.options.limits.maxConnectionsPerRoom) {
        this.options.registry.release(room)
        throw new Refusal(CloseCodes.rateLimited, 'room is full')
      }
    } catch (error) {
      const refusal =
        error instanceof Refusal ? error : new Refusal(CloseCodes.notFound, 'could not open the room')
      if (!(error instanceof Refusal)) this.options.logger.error({ err: error }, 'could not open a room')
      this.options.logger.info(
        { code: refusal.close.code, detail: refusal.detail },
        'refused a sync connection',
      )
      ws.close(refusal.close.code, refusal.close.reason)
      return
    }
    if (ws.readyState !== WebSocket.OPEN) {
      this.options.registry.release(room)
      return
    }
    const log = this.options.logger.child({
      room: room.name,
      connection: connection.id,
      role: connection.identity.role,
    })
    this.connections.add(connection)
    room.join(connection)
    log.info('sync connection opened')

    const messages = new TokenBucket(
      this.options.limits.messagesPerSecond,
      this.options.limits.messageBurst,
      this.options.now,
    )
    const bytes = new TokenBucket(
      this.options.limits.bytesPerSecond,
      this.options.limits.byteBurst,
      this.options.now,
    )
    deliver = (frame) => {
      if (connection.closed) return
      if (frame.length > this.options.limits.maxMessageBytes)
        return this.refuse(connection, CloseCodes.tooLarge, log)
      if (!messages.take() || !bytes.take(frame.length))
        return this.refuse(connection, CloseCodes.rateLimited, log)
      room.receive(connection, frame)
    }
    for (const frame of queued.splice(0)) deliver(frame)

    ws.on('pong', () => {
      connection.alive = true
    })
    ws.on('close', (code) => {
      connection.closed = true
      this.connections.delete(connection)
      room.leave(connection)
      this.options.registry.release(room)
      log.info({ code }, 'sync connection closed')
    })
  }

  private refuse(
    connection: Connection,
    reason: (typeof CloseCodes)[keyof typeof CloseCodes],
    log: Logger,
  ): void {
    log.warn({ code: reason.code }, reason.reason)
    connection.close(reason)
  }

  private sweep(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        this.options.logger.info(
          { connection: connection.id },
          'closing a connection that stopped answering pings',
        )
        connection.socket.terminate()
        continue
      }
      connection.alive = false
      connection.socket.ping()
    }
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
