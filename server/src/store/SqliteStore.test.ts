import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe } from 'vitest'
import { SqliteStore } from './SqliteStore'
import { storeContract } from './storeContract'

describe('SqliteStore', () => {
  storeContract(() => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeoff-store-'))
    return { store: new SqliteStore(dir), reopen: () => new SqliteStore(dir) }
  })
})
