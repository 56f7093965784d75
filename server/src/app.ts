import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import { createSyncAuthorizer } from './access/authorizeSync'
import { type Cluster, localCluster } from './cluster/Cluster'
import type { Config } from './config'
import { createAdminCheck } from './http/auth'
import { clientAddress, trustProxyList } from './http/clientAddress'
import { registerClientConfig } from './http/clientConfig'
import { registerErrorHandler } from './http/errors'
import { registerHealthz } from './http/healthz'
import { registerMetrics } from './http/metrics'
import { registerPromptRoutes } from './http/prompts'
import { registerRateLimit } from './http/rateLimit'
import { registerRecordingRoutes } from './http/recording'
import { LeveledRequestLog } from './http/requestLog'
import { registerScorecardRoutes } from './http/scorecards'
import { addSecurityHeaders } from './http/securityHeaders'
import { registerSessionRoutes } from './http/sessions'
import { registerStaticClient } from './http/staticClient'
import { httpTimeouts } from './http/timeouts'
import { type Logger, withSecretsRedacted } from './logger'
import { ServerMetrics } from './metrics/ServerMetrics'
import { TimedStore } from './metrics/TimedStore'
import { loadPromptLibrary } from './prompts/loadPrompts'
import { presenceEventsExtension } from './recording/presenceEventsExtension'
import { RecordingService } from './recording/RecordingService'
import { ScorecardService } from './scorecards/ScorecardService'
import { SessionService } from './sessions/SessionService'
import { sessionStateExtension } from './sessions/sessionStateExtension'
import { openStorage } from './store/openStorage'
import { SqliteStorage } from './store/SqliteStorage'
import type { SqliteStore } from './store/SqliteStore'
import type { Storage } from './store/Storage'
import { readClientVersions } from './sync/clientVersions'
import { RoomRegistry } from './sync/RoomRegistry'
import { SyncServer } from './sync/SyncServer'
import { documentRulesExtension } from './validation/documentRulesExtension'

/** Knobs tests turn; production uses the defaults. */
export interface ServerOptions {
  logger: Logger
  /** The built web app (`client/dist`). */
  clientDir: string
  /** Where everything is kept; by default as the configuration says (`openStorage`). */
  storage?: Storage
  /** An open SQLite store to keep everything in (tests that reach into its database). */
  store?: SqliteStore
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
  // Everything logs through this child, so no token reaches a line whichever logger was handed in.
  const logger = withSecretsRedacted(options.logger)
  const now = options.now ?? Date.now
  const storage =
    options.storage ?? (options.store ? new SqliteStorage(options.store) : await openStorage(config, logger))
  const { docs: store, sessions: repository, events } = storage
  const cluster = await openCluster(config, logger, now).catch(async (error: unknown) => {
    await storage.close()
    throw error
  })
  const { prompts, starters } = await loadPromptLibrary(config.promptsDir, logger, config.limits)
  logger.info({ count: prompts.size, dir: config.promptsDir }, 'prompts loaded')
  const metrics = new ServerMetrics((): number => registry.size)
  const registry = new RoomRegistry(
    {
      store: new TimedStore(store, metrics),
      logger,
      now,
      extensions: [
        documentRulesExtension(config.limits),
        sessionStateExtension(repository),
        presenceEventsExtension(events, now, config.limits, logger),
      ],
      snapshotEvery: options.snapshotEvery ?? 500,
      limits: config.limits,
      bus: cluster.rooms,
      onFanOut: (latencyMs) => metrics.observeFanOut(latencyMs / 1000),
    },
    options.roomIdleMs ?? 30_000,
    cluster.commands,
  )
  cluster.onResync(() => registry.readMissed())
  // Links use PUBLIC_URL, or the address we listen on once it is known (port 0 picks one).
  let publicUrl = config.publicUrl ?? ''
  const sessions = new SessionService(
    repository,
    prompts,
    registry,
    () => publicUrl,
    now,
    (id, at, event) => events.append(id, at, event),
    (promptId) => starters.get(promptId),
  )
  const scorecards = new ScorecardService(storage.scorecards, now, (id, author, at) =>
    events.append(id, at, {
      kind: 'scorecard',
      role: 'interviewer',
      name: author,
      detail: `${author} submitted a scorecard`,
    }),
  )
  const trustProxy = trustProxyList(config.trustedProxies)
  const sync = new SyncServer({
    registry,
    authorize: createSyncAuthorizer(sessions),
    logger,
    now,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    limits: config.limits,
    cluster,
    clientVersions: readClientVersions(options.clientDir),
    metrics,
    clientAddress: (request) => clientAddress(request, trustProxy),
  })

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Behind the proxies TRUST_PROXY names, request.ip (and so the HTTP rate limit) is the client's.
    trustProxy: trustProxy ?? false,
    bodyLimit: config.limits.maxRequestBytes,
    ...httpTimeouts(config.limits),
    // Pages and files at debug, API changes and failures at info (http/requestLog.ts).
    logController: new LeveledRequestLog(),
  })
  registerErrorHandler(app)
  await registerRateLimit(app, config.limits.httpRequestsPerMinute, cluster.httpRateStore)
  addSecurityHeaders(app)
  registerHealthz(app)
  registerMetrics(app, metrics, config.metricsToken)
  registerClientConfig(app, config)
  const requireAdmin = createAdminCheck(config.adminToken)
  registerPromptRoutes(app, prompts, requireAdmin)
  registerSessionRoutes(app, sessions, requireAdmin, now)
  registerScorecardRoutes(app, sessions, scorecards)
  const recording = new RecordingService({
    storage,
    sessions,
    scorecards,
    rooms: registry,
    logger,
    now,
    limits: config.limits,
  })
  await registerRecordingRoutes(app, sessions, recording, requireAdmin, config.limits)
  await registerStaticClient(app, logger, options.clientDir)
  app.server.on('upgrade', (request, socket, head) => {
    // Node hands an upgrade's socket over with no error listener: a client resetting it while it
    // is refused would throw from the socket and take the process down.
    socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'))
    try {
      if (!sync.handleUpgrade(request, socket, head)) socket.destroy()
    } catch (error) {
      logger.error({ err: error }, 'could not handle an upgrade')
      socket.destroy()
    }
  })

  await app.listen({ port: config.port, host: config.host })
  const { port } = app.server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  publicUrl ||= `http://${host}:${port}`
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
        // Stops history computations at once, so requests waiting on one end and none outlives the store.
        const recordingClosed = recording.close()
        await registry.closeAll()
        await app.close()
        await recordingClosed
        await cluster.close()
        await storage.close()
      })()
      return closing
    },
  }
}

/**
 * The processes this one shares its rooms with: through Redis when `REDIS_URL` is set, else none.
 * Rejects, naming the host only, when Redis cannot be reached.
 */
async function openCluster(config: Config, logger: Logger, now: () => number): Promise<Cluster> {
  const options = { upgradesPerMinute: config.limits.upgradesPerMinute, now }
  if (!config.redisUrl) return localCluster(options)
  // Loaded only when asked for, like the PostgreSQL driver (openStorage).
  const { redisCluster } = await import('./cluster/redisCluster')
  const cluster = await redisCluster({ ...options, url: config.redisUrl, prefix: config.redisPrefix, logger })
  logger.info({ process: cluster.processId }, 'sharing rooms with other processes through Redis')
  return cluster
}
