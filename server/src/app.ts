import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import { authorizeSync } from './access/authorizeSync'
import type { Config } from './config'
import { registerClientConfig } from './http/clientConfig'
import { registerErrorHandler } from './http/errors'
import { registerHealthz } from './http/healthz'
import { addSecurityHeaders } from './http/securityHeaders'
import { registerStaticClient } from './http/staticClient'
import type { Logger } from './logger'
import { SqliteStore } from './store/SqliteStore'
import type { Store } from './store/Store'
import { RoomRegistry } from './sync/RoomRegistry'
import { SyncServer } from './sync/SyncServer'
import { boardExtension } from './validation/boardExtension'

/** Knobs tests turn; production uses the defaults. */
export interface ServerOptions {
  logger: Logger
  /** The built web app (`client/dist`). */
  clientDir: string
  store?: Store
  now?: () => number
  /** How long an empty room stays loaded. */
  roomIdleMs?: number
  pingIntervalMs?: number
  snapshotEvery?: number
}

/** A running Tradeoff server. */
export interface TradeoffServer {
  /** `http://host:port` it listens on. */
  url: string
  port: number
  registry: RoomRegistry
  sync: SyncServer
  /** Stops accepting, stores every room, closes sockets with 1012 and releases the store. */
  close(): Promise<void>
}

/** Builds the whole server (HTTP API, sync endpoint, static client) and starts listening. */
export async function startServer(config: Config, options: ServerOptions): Promise<TradeoffServer> {
  const { logger } = options
  const now = options.now ?? Date.now
  const store = options.store ?? new SqliteStore(config.dataDir)
  const registry = new RoomRegistry(
    { store, logger, now, extensions: [boardExtension()], snapshotEvery: options.snapshotEvery ?? 500 },
    options.roomIdleMs ?? 30_000,
  )
  const sync = new SyncServer({
    registry,
    authorize: authorizeSync,
    logger,
    now,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
  })

  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 256 * 1024 })
  registerErrorHandler(app)
  addSecurityHeaders(app)
  registerHealthz(app)
  registerClientConfig(app, config)
  await registerStaticClient(app, logger, options.clientDir)
  app.server.on('upgrade', (request, socket, head) => {
    if (!sync.handleUpgrade(request, socket, head)) socket.destroy()
  })

  await app.listen({ port: config.port, host: config.host })
  const { port } = app.server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  let closing: Promise<void> | null = null
  return {
    url: `http://${host}:${port}`,
    port,
    registry,
    sync,
    close() {
      closing ??= (async () => {
        app.server.close()
        sync.close()
        await registry.closeAll()
        await app.close()
        await store.close()
      })()
      return closing
    },
  }
}
