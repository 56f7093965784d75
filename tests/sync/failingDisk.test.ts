import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloseCodes } from '@tradeoff/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { openRawSocket } from '../support/rawSocket'
import { page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, syncUrl } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

// Mounting a small tmpfs is how the disk really fills up; it needs root, as CI and these machines run.
const isRoot = process.getuid?.() === 0

let server: TestServer | null = null
let mountPoint: string | null = null
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
  server = null
  if (mountPoint) {
    execFileSync('umount', [mountPoint])
    rmSync(mountPoint, { recursive: true, force: true })
    mountPoint = null
  }
})

/** Writes a file until the disk under `dir` refuses more bytes. */
function fillDisk(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
}

describe.runIf(isRoot)('a failing disk', () => {
  it('R36 loses nothing and serves nothing false, and service resumes by itself when space returns', async () => {
    mountPoint = mkdtempSync(join(tmpdir(), 'tradeoff-full-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint])
    server = await startTestServer({ dataDir: mountPoint })
    const session = await newSession(server.url)
    const writer = connectClient(server.wsUrl, session)
    const watcher = connectClient(server.wsUrl, session, { role: 'candidate' })
    clients.push(writer, watcher)
    await Promise.all([writer.synced, watcher.synced])
    writer.records.set('page:page', page())
    writer.records.set('shape:before', rectangle('before'))
    await waitFor(() => watcher.records.has('shape:before'), 'the watcher sees the first shape')
    const seen = new Set<string>()
    watcher.doc.on('update', () => {
      for (const key of watcher.records.keys()) seen.add(key)
    })

    fillDisk(mountPoint)
    // Large enough that SQLite needs new space for it: a whole page of text in one label.
    writer.records.set('shape:during', rectangle('during', 0, 0, 'x'.repeat(40_000)))
    await waitFor(() => writer.closeCodes.includes(CloseCodes.storageFailure.code), 'the writer is refused')
    expect(server.registry.storeFailing).toBe(true)

    // While writes fail: a join is refused cleanly, the process serves, nothing unstored is shown.
    const joiner = await openRawSocket(syncUrl(server.wsUrl, session, 'reviewer'))
    expect(await joiner.closed).toBe(CloseCodes.storageUnavailable.code)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const control = await fetch(`${server.url}/api/sessions/${session.id}/control`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session.token('interviewer')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ action: 'start' }),
    })
    if (control.status !== 200) {
      expect(control.status).toBe(503)
      expect(await control.json()).toMatchObject({ error: { code: expect.any(String) } })
    }
    expect(seen.has('shape:during')).toBe(false)

    // Space returns: without a restart, the writer's client resends what it has and everyone gets it.
    execFileSync('mount', ['-o', 'remount,size=64m', mountPoint])
    await waitFor(() => !server?.registry.storeFailing, 'the store writes again', 10_000)
    await waitFor(() => watcher.records.has('shape:during'), 'the refused shape arrives once stored', 15_000)
    writer.records.set('shape:after', rectangle('after'))
    await waitFor(() => watcher.records.has('shape:after'), 'new edits flow again')

    // What everyone saw is what the store holds.
    await server.close()
    server = await startTestServer({ dataDir: mountPoint })
    const reader = connectClient(server.wsUrl, session, { role: 'reviewer' })
    clients.push(reader)
    await reader.synced
    expect([...reader.records.keys()].sort()).toEqual([
      'page:page',
      'shape:after',
      'shape:before',
      'shape:during',
    ])
  })
})
