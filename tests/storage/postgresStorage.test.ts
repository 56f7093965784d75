import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStorage } from '../../server/src/store/postgres/PostgresStorage'
import type { Storage } from '../../server/src/store/Storage'
import { contractSession, storageContract, storeContract } from '../../server/src/store/storeContract'
import { createTestDatabase, type TestDatabase } from '../support/testDatabase'

// Needs PostgreSQL (TEST_DATABASE_URL, by default the loopback server .ci/run starts): without it
// every test here fails with a message saying how to start it.
describe('PostgresStorage', () => {
  let database: TestDatabase | undefined
  const opened: Storage[] = []
  const open = async (url: string) => {
    const storage = await PostgresStorage.open(url)
    opened.push(storage)
    return storage
  }
  const fresh = async () => {
    if (!database) throw new Error('the test database was not created (see the error of beforeAll)')
    const { url } = database
    const storage = await open(url)
    await database.reset()
    return { storage, reopen: () => open(url) }
  }

  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()))
  })
  afterAll(async () => {
    await database?.drop()
  })

  storeContract(fresh)
  storageContract(fresh)

  it('ST13 two processes appending to one document at once keep its log gapless', async () => {
    const { storage, reopen } = await fresh()
    const other = await reopen()
    const key = { sessionId: 'shared', doc: 'board' } as const
    const writes = Array.from({ length: 60 }, (_, i) =>
      (i % 2 ? storage : other).docs.appendUpdate(key, new Uint8Array([i]), { at: i, author: 'a' }),
    )
    const seqs = await Promise.all(writes)
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    const log = await storage.docs.readUpdates(key, 1)
    expect(log.map((u) => u.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    expect(log.map((u) => u.update[0])).toEqual(log.map((u) => seqs.indexOf(u.seq)))
  })

  it('ST14 several processes starting at once on an empty database all open it', async () => {
    const empty = await createTestDatabase()
    try {
      const all = await Promise.all(Array.from({ length: 4 }, () => PostgresStorage.open(empty.url)))
      await all[0]?.sessions.create(contractSession('s-one'))
      for (const storage of all) expect((await storage.sessions.get('s-one'))?.id).toBe('s-one')
      await Promise.all(all.map((storage) => storage.close()))
    } finally {
      await empty.drop()
    }
  })

  it('ST15 refuses a database holding data in another format, saying what to do', async () => {
    const other = await createTestDatabase()
    try {
      const client = new pg.Client({ connectionString: other.url })
      await client.connect()
      await client.query('CREATE TABLE tradeoff_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
      await client.query("INSERT INTO tradeoff_meta VALUES ('format', '0')")
      await client.end()
      await expect(PostgresStorage.open(other.url)).rejects.toThrow(
        /format 0, this build reads format 1: point DATABASE_URL at an empty database/,
      )
    } finally {
      await other.drop()
    }
  })
})
