import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
const clients: SyncClient[] = []

function client(sessionId: TestSession): SyncClient {
  const c = connectClient(server.wsUrl, sessionId)
  clients.push(c)
  return c
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

describe('sync over a real server', () => {
  it('R1 two clients converge on each other’s edits', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const a = client(id)
    const b = client(id)
    await Promise.all([a.synced, b.synced])
    a.records.set('page:page', page())
    a.records.set('shape:a', rectangle('a', 10, 10))
    b.records.set('shape:b', rectangle('b', 300, 10))
    await waitFor(() => a.records.size === 3 && b.records.size === 3, 'both clients hold three records')
    a.records.set('shape:b', rectangle('b', 500, 10))
    await waitFor(() => (b.records.get('shape:b') as { x: number }).x === 500, 'b sees a move its shape')
    expect(a.records.toJSON()).toEqual(b.records.toJSON())
  })

  it('R2 a late joiner receives everything, including the server-written schema', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const a = client(id)
    await a.synced
    for (let i = 0; i < 50; i++) a.records.set(`shape:s${i}`, rectangle(`s${i}`, i * 10))
    a.records.delete('shape:s0')
    await waitFor(() => server.registry.size === 1, 'room loaded')
    const late = client(id)
    await late.synced
    await waitFor(() => late.records.size === 49, 'late joiner has all 49 shapes')
    expect(late.records.has('shape:s0')).toBe(false)
    expect(late.doc.getMap('meta').get('schema')).toMatchObject({ schemaVersion: expect.any(Number) })
  })

  it('R3 rooms are separate: edits in one session never reach another', async () => {
    server = await startTestServer()
    const idA = await newSession(server.url)
    const idB = await newSession(server.url)
    const a = client(idA)
    const b = client(idB)
    await Promise.all([a.synced, b.synced])
    a.records.set('shape:only-a', rectangle('only-a'))
    b.records.set('shape:only-b', rectangle('only-b'))
    const a2 = client(idA)
    const b2 = client(idB)
    await waitFor(
      () => a2.records.has('shape:only-a') && b2.records.has('shape:only-b'),
      'each room has its shape',
    )
    expect(a2.records.has('shape:only-b')).toBe(false)
    expect(b2.records.has('shape:only-a')).toBe(false)
    expect(b.records.has('shape:only-a')).toBe(false)
  })

  it('R4 an empty room is unloaded with its state stored, and reloads intact', async () => {
    server = await startTestServer({ roomIdleMs: 50 })
    const id = await newSession(server.url)
    const a = client(id)
    await a.synced
    a.records.set('shape:kept', rectangle('kept', 42))
    await waitFor(() => server.logs.some((l) => l.msg === 'sync connection opened'), 'connected')
    await waitFor(async () => (await readLog(id.id)) >= 2, 'update stored')
    a.destroy()
    await waitFor(() => server.registry.size === 0, 'room unloaded')
    const b = client(id)
    await b.synced
    await waitFor(() => b.records.has('shape:kept'), 'reloaded room has the shape')
  })
})

async function readLog(sessionId: string): Promise<number> {
  const { SqliteStore } = await import('../../server/src/store/SqliteStore')
  const store = new SqliteStore(server.dataDir)
  try {
    return (await store.readUpdates({ sessionId, doc: 'board' }, 1)).length
  } finally {
    await store.close()
  }
}
