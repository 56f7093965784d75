import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { PostgresStorage } from './postgres/PostgresStorage'

/** A table copied per session: its columns, and the column holding the session's id. */
interface Table {
  name: string
  columns: string[]
  sessionColumn: string
}

// Parents first: the rows of the later tables refer to the session row.
const TABLES: Table[] = [
  {
    name: 'sessions',
    columns: ['id', 'title', 'created_at', 'prompt_json', 'state_json'],
    sessionColumn: 'id',
  },
  {
    name: 'participants',
    columns: ['session_id', 'token_hash', 'role', 'name', 'position'],
    sessionColumn: 'session_id',
  },
  {
    name: 'doc_updates',
    columns: ['session_id', 'doc', 'seq', 'at', 'author', 'update_bytes'],
    sessionColumn: 'session_id',
  },
  {
    name: 'doc_snapshots',
    columns: ['session_id', 'doc', 'seq', 'at', 'state'],
    sessionColumn: 'session_id',
  },
  {
    name: 'session_events',
    columns: ['session_id', 'seq', 'at', 'kind', 'role', 'name', 'detail'],
    sessionColumn: 'session_id',
  },
  {
    name: 'scorecards',
    columns: ['session_id', 'author', 'body_json', 'updated_at', 'submitted_at'],
    sessionColumn: 'session_id',
  },
  {
    name: 'board_history',
    columns: ['session_id', 'format', 'last_seq', 'body'],
    sessionColumn: 'session_id',
  },
]

/** Rows per INSERT statement: well under PostgreSQL's 65,535 parameters per statement. */
const INSERT_BATCH = 500

type Row = Record<string, unknown>

/** What a migration did, session by session. */
export interface MigrationReport {
  /** Sessions copied by this run, each checked against its source. */
  copied: string[]
  /** Sessions that were in PostgreSQL already, exactly as in the SQLite file. */
  alreadyThere: string[]
  /** Sessions in PostgreSQL already whose rows differ from the SQLite file's: left as they are. */
  differing: string[]
  /** Rows of the SQLite file that belong to no session (nothing to copy them with). */
  orphanRows: number
}

/**
 * Copies every session of the SQLite database in `dataDir` (its participants, both document logs
 * and snapshots, events, scorecards and stored board history) into the PostgreSQL database at
 * `url`, one transaction per session. Each copy is checked before it is committed: the same
 * number of rows and the same checksum of their values in every table. A session already in
 * PostgreSQL is compared, not copied again, so running twice is safe. Stop the servers using
 * `dataDir` first: what they write meanwhile is not copied. `log` gets one line per session.
 */
export async function migrateToPostgres(
  dataDir: string,
  url: string,
  log: (line: string) => void = () => {},
): Promise<MigrationReport> {
  const file = join(dataDir, 'tradeoff.db')
  if (!existsSync(file)) throw new Error(`there is no database to migrate in ${dataDir} (no tradeoff.db)`)
  const source = new Database(file, { readonly: true, fileMustExist: true })
  // Creates the tables and checks the data's format, exactly as a server would.
  await (await PostgresStorage.open(url)).close()
  const target = new pg.Pool({ connectionString: url, max: 1 })
  const report: MigrationReport = { copied: [], alreadyThere: [], differing: [], orphanRows: 0 }
  try {
    const ids = source.prepare('SELECT id FROM sessions ORDER BY created_at, id').pluck().all() as string[]
    for (const id of ids) {
      const rows = TABLES.map((table) =>
        source
          .prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} WHERE ${table.sessionColumn} = ?`)
          .all(id),
      ) as Row[][]
      const outcome = await copySession(target, id, rows)
      report[outcome].push(id)
      log(
        `${id}: ${OUTCOME_WORDS[outcome]} (${rows.map((r, i) => `${r.length} ${TABLES[i]?.name}`).join(', ')})`,
      )
    }
    for (const table of TABLES.slice(1)) {
      const orphans = source
        .prepare(
          `SELECT COUNT(*) FROM ${table.name} WHERE ${table.sessionColumn} NOT IN (SELECT id FROM sessions)`,
        )
        .pluck()
        .get() as number
      report.orphanRows += orphans
    }
    return report
  } finally {
    source.close()
    await target.end()
  }
}

const OUTCOME_WORDS: Record<keyof Omit<MigrationReport, 'orphanRows'>, string> = {
  copied: 'copied and checked',
  alreadyThere: 'already in PostgreSQL, the same',
  differing: 'already in PostgreSQL but DIFFERENT: left as it is',
}

/** Copies one session's rows (by table, as in TABLES) unless it is there already. */
async function copySession(
  target: pg.Pool,
  id: string,
  rows: Row[][],
): Promise<keyof Omit<MigrationReport, 'orphanRows'>> {
  const client = await target.connect()
  try {
    await client.query('BEGIN')
    // One migration at a time per session; a second run waits and then finds it copied.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`migrate:${id}`])
    const exists = await client.query('SELECT 1 FROM sessions WHERE id = $1', [id])
    if (exists.rowCount) {
      const same = (await digests(client, id)).every((digest, i) => digest === digestOf(TABLES[i], rows[i]))
      await client.query('ROLLBACK')
      return same ? 'alreadyThere' : 'differing'
    }
    for (const [i, table] of TABLES.entries()) await insertRows(client, table, rows[i] ?? [])
    const copied = await digests(client, id)
    const wrong = TABLES.filter((table, i) => copied[i] !== digestOf(table, rows[i]))
    if (wrong.length > 0) throw new Error(`${id}: the copy differs in ${wrong.map((t) => t.name).join(', ')}`)
    await client.query('COMMIT')
    return 'copied'
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

async function insertRows(client: pg.PoolClient, table: Table, rows: Row[]): Promise<void> {
  const width = table.columns.length
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const batch = rows.slice(start, start + INSERT_BATCH)
    const values = batch.map((_, r) => `(${table.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`)
    await client.query(
      `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${values.join(', ')}`,
      batch.flatMap((row) => table.columns.map((column) => row[column])),
    )
  }
}

/** The digest of every table's rows of one session in PostgreSQL, in the order of TABLES. */
async function digests(client: pg.PoolClient, id: string): Promise<string[]> {
  const result: string[] = []
  for (const table of TABLES) {
    const { rows } = await client.query<Row>(
      `SELECT ${table.columns.join(', ')} FROM ${table.name} WHERE ${table.sessionColumn} = $1`,
      [id],
    )
    result.push(digestOf(table, rows))
  }
  return result
}

/**
 * A checksum of a set of rows that both databases give alike: each row's values as text (blobs
 * as hex, numbers whatever their type), rows sorted, hashed with SHA-256, with their count.
 */
function digestOf(table: Table | undefined, rows: Row[] | undefined): string {
  const lines = (rows ?? []).map((row) =>
    JSON.stringify(
      (table?.columns ?? []).map((column) => {
        const value = row[column]
        if (value === null || value === undefined) return null
        return Buffer.isBuffer(value) ? `x${value.toString('hex')}` : String(value)
      }),
    ),
  )
  lines.sort()
  return `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`
}
