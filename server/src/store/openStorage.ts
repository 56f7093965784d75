import type { Config } from '../config'
import type { Logger } from '../logger'
import { SqliteStorage } from './SqliteStorage'
import type { Storage } from './Storage'

/**
 * The storage the configuration asks for: PostgreSQL when `DATABASE_URL` is set, else the SQLite
 * file in `DATA_DIR`. Rejects when PostgreSQL cannot be reached or holds data in another format.
 */
export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  if (!config.databaseUrl) return SqliteStorage.open(config.dataDir)
  // Loaded only when asked for: a process on SQLite never holds the PostgreSQL driver in memory.
  const { PostgresStorage } = await import('./postgres/PostgresStorage')
  const storage = await PostgresStorage.open(config.databaseUrl, {
    onIdleError: (error) => logger.warn({ err: error }, 'a PostgreSQL connection failed while idle'),
  }).catch((error: unknown) => {
    // The URL may hold a password: the message names the host only.
    const host = new URL(config.databaseUrl ?? '').host
    const code = (error as { code?: string }).code
    const reason = error instanceof Error && error.message ? error.message : (code ?? String(error))
    throw new Error(`PostgreSQL at ${host} (DATABASE_URL) cannot be used: ${reason}`)
  })
  logger.info({ storage: 'postgresql' }, 'storage opened')
  return storage
}
