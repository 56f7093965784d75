import pg from 'pg'

/** A pool or one of its clients: anything that runs a query (a client inside a transaction). */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>

const INT8_OID = 20

/**
 * Type parsers for every connection: BIGINT (times in ms since the epoch, sequence numbers,
 * counts) read as numbers, which they always fit in; pg reads them as strings by default. Given
 * to the pool, so pg's process-wide parsers are left alone.
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
}

/**
 * Runs `work` inside one transaction on one client of the pool: committed when it resolves,
 * rolled back (and the error rethrown) when it rejects.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      // A client that cannot roll back is not handed to anyone else.
      broken = rollbackError
    })
    throw error
  } finally {
    client.release(broken)
  }
}

/** PostgreSQL's code for a unique constraint refusing a row (`unique_violation`). */
const UNIQUE_VIOLATION = '23505'

/** Attempts before a write that keeps losing races gives up. Each loss means another writer went first. */
const MAX_ATTEMPTS = 50

/**
 * Runs `insert` again while it loses a race for a unique key: used by appends that number their
 * row from the current maximum, so two writers that read the same maximum do not both succeed,
 * and the loser numbers its row again after the winner's.
 */
export async function retryOnConflict<T>(insert: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insert()
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || (error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
    }
  }
}
