import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { SqliteStorage } from './SqliteStorage'
import { SqliteStore } from './SqliteStore'
import { storageContract, storeContract } from './storeContract'

describe('SqliteStore', () => {
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeoff-store-'))
    return { storage: SqliteStorage.open(dir), reopen: async () => SqliteStorage.open(dir) }
  }
  storeContract(open)
  storageContract(open)
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
