import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { SqliteStorage } from './SqliteStorage'
import { SqliteStore } from './SqliteStore'
import { SessionGone } from './Store'
import { storageContract, storeContract } from './storeContract'

describe('SqliteStore', () => {
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeoff-store-'))
    return { storage: SqliteStorage.open(dir), reopen: async () => SqliteStorage.open(dir) }
  }
  storeContract(open)
  storageContract(open)
})

describe('SqliteStore batched appends', () => {
  const open = () => SqliteStorage.open(mkdtempSync(join(tmpdir(), 'tradeoff-store-')))
  const board = { sessionId: 's1', doc: 'board' } as const
  const panel = { sessionId: 's1', doc: 'panel' } as const
  const meta = { at: 1, author: 'a' }

  it('commits the appends of one tick in one transaction, each resolving with its own number', async () => {
    const storage = open()
    const { docs } = storage
    // Frames written to the write-ahead log since it was emptied: one set per commit.
    const walFrames = () => (docs.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]?.log ?? 0
    docs.db.pragma('wal_checkpoint(TRUNCATE)')
    const appends = [
      docs.appendUpdate(board, new Uint8Array([1]), meta),
      docs.appendUpdate(panel, new Uint8Array([2]), meta),
      docs.appendUpdate(board, new Uint8Array([3]), meta),
    ]
    // Nothing is written before the tick ends; then everything is, in one commit.
    expect(docs.db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get()).toEqual({ n: 0 })
    expect(await Promise.all(appends)).toEqual([1, 1, 2])
    const batched = walFrames()
    docs.db.pragma('wal_checkpoint(TRUNCATE)')
    for (const value of [4, 5, 6]) await docs.appendUpdate(board, new Uint8Array([value]), meta)
    expect(batched).toBeLessThan(walFrames())
    expect((await docs.readUpdates(board, 1)).map((u) => [...u.update])).toEqual([[1], [3], [4], [5], [6]])
    await storage.close()
  })

  it('rejects every append of a batch that fails to commit, and numbers none of them', async () => {
    const storage = open()
    const { docs } = storage
    expect(await docs.appendUpdate(board, new Uint8Array([1]), meta)).toBe(1)
    docs.db.pragma('query_only = ON')
    const failed = await Promise.allSettled([
      docs.appendUpdate(board, new Uint8Array([2]), meta),
      docs.appendUpdate(panel, new Uint8Array([3]), meta),
    ])
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected'])
    docs.db.pragma('query_only = OFF')
    expect(await docs.appendUpdate(board, new Uint8Array([4]), meta)).toBe(2)
    expect((await docs.readUpdates(board, 1)).map((u) => [...u.update])).toEqual([[1], [4]])
    expect(await docs.logSize(panel)).toEqual({ updates: 0, bytes: 0 })
    await storage.close()
  })

  it('lets reads see appends of the same tick, and refuses those of a session deleted meanwhile', async () => {
    const storage = open()
    const { docs } = storage
    const first = docs.appendUpdate(board, new Uint8Array([1]), meta)
    expect((await docs.readUpdates(board, 1)).length).toBe(1)
    expect(await first).toBe(1)
    const late = docs.appendUpdate(board, new Uint8Array([2]), meta)
    await storage.deleteSession('s1')
    await expect(late).rejects.toBeInstanceOf(SessionGone)
    expect(await docs.logSize(board)).toEqual({ updates: 0, bytes: 0 })
    await storage.close()
  })
})

describe('SqliteStore data format', () => {
  it('refuses a data folder written in another format, with a message saying what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeoff-store-'))
    const old = new Database(join(dir, 'tradeoff.db'))
    old.exec('CREATE TABLE doc_updates (x INTEGER)')
    old.close()
    expect(() => new SqliteStore(dir)).toThrow(
      /format 0, this build reads format 1: start with an empty DATA_DIR/,
    )
  })

  it('reopens its own data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeoff-store-'))
    await new SqliteStore(dir).close()
    expect(() => new SqliteStore(dir)).not.toThrow()
  })
})
