import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { migrateToPostgres } from './store/migrateToPostgres'

const USAGE = `Copies a Tradeoff DATA_DIR (SQLite) into PostgreSQL, checks the copy, and may be run again.

  npm run migrate -- --to postgres://user@host:5432/database [--from DATA_DIR]

--from defaults to DATA_DIR, or ./data. Stop the servers using the data folder first.`

const { values } = parseArgs({
  options: { to: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean' } },
})
if (values.help || !values.to) {
  console.log(USAGE)
  process.exit(values.help ? 0 : 2)
}
const dataDir = resolve(values.from ?? process.env.DATA_DIR ?? './data')
try {
  const report = await migrateToPostgres(dataDir, values.to, (line) => console.log(line))
  console.log(
    `${report.copied.length} sessions copied, ${report.alreadyThere.length} already there, ` +
      `${report.differing.length} different (left as they are), ${report.orphanRows} rows of no session not copied`,
  )
  process.exit(report.differing.length > 0 ? 1 : 0)
} catch (error) {
  console.error(`migration stopped: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
