import { fileURLToPath } from 'node:url'
import { startServer } from './app'
import { readConfig } from './config'
import { createLogger } from './logger'

const SHUTDOWN_DEADLINE_MS = 4_500

// Both server/src/main.ts (development) and server/dist/main.js (built) sit two levels below the root.
const CLIENT_DIR = fileURLToPath(new URL('../../client/dist/', import.meta.url))

const config = (() => {
  try {
    return readConfig(process.env)
  } catch (error) {
    console.error(`Tradeoff cannot start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
})()
const logger = createLogger(config.logLevel)
const server = await startServer(config, { logger, clientDir: CLIENT_DIR }).catch((error: unknown) => {
  console.error(`Tradeoff cannot start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
console.log(`Tradeoff is ready at ${config.publicUrl ?? server.url} (listening on ${server.url})`)

function shutdown(signal: string): void {
  logger.info({ signal }, 'shutting down')
  setTimeout(() => {
    logger.error('shutdown took too long; exiting')
    process.exit(1)
  }, SHUTDOWN_DEADLINE_MS).unref()
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed')
      process.exit(1)
    },
  )
}
// Last resort: every request and socket handles its own failures, so reaching these is a bug. It is
// logged and the process keeps serving: exiting would drop every room and request at once for one
// participant's fault. The store commits each write as it happens, so no half-done state waits.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'))
process.on('uncaughtException', (error) => logger.fatal({ err: error }, 'uncaught exception; still serving'))
process.once('SIGTERM', () => shutdown('SIGTERM'))
process.once('SIGINT', () => shutdown('SIGINT'))
