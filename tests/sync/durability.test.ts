import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { rectangle } from '../support/records'
import { type ServerProcess, spawnServer, tempDataDir } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

const processes: ServerProcess[] = []
const clients: SyncClient[] = []

async function start(dataDir: string, port = 0): Promise<ServerProcess> {
  const server = await spawnServer(dataDir, port)
  processes.push(server)
  return server
}

function client(server: { wsUrl: string }, sessionId: TestSession): SyncClient {
  const c = connectClient(server.wsUrl, sessionId)
  clients.push(c)
  return c
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await Promise.all(processes.splice(0).map((p) => p.stop('SIGKILL')))
})

describe('the drawing survives the server', () => {
  it('R16 SIGTERM stores everything, closes sockets with 1012, exits 0 within 5 s; a restart serves it all', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const id = await newSession(first.url)
    const a = client(first, id)
    await a.synced
    for (let i = 0; i < 30; i++) a.records.set(`shape:t${i}`, rectangle(`t${i}`, i))
    const b = client(first, id)
    await waitFor(() => b.records.size === 30, 'b has all shapes')

    const stopped = Date.now()
    expect(await first.stop('SIGTERM')).toBe(0)
    expect(Date.now() - stopped).toBeLessThan(5_000)
    await waitFor(() => a.closeCodes.includes(1012), 'clients were told the server restarts (1012)')
    a.destroy()
    b.destroy()

    const second = await start(dataDir)
    const c = client(second, id)
    await c.synced
    await waitFor(() => c.records.size === 30, 'after restart a new client sees all 30 shapes')
  })

  it('R17 after SIGKILL, every update any client had received is still there', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const id = await newSession(first.url)
    const writer = client(first, id)
    const watcher = client(first, id)
    await Promise.all([writer.synced, watcher.synced])
    for (let i = 0; i < 200; i++) writer.records.set(`shape:k${i % 40}`, rectangle(`k${i % 40}`, i))
    await waitFor(
      () => (watcher.records.get('shape:k39') as { x?: number } | undefined)?.x === 199,
      'the watcher received the last update',
    )
    const received = watcher.records.toJSON()
    await first.stop('SIGKILL')
    writer.destroy()
    watcher.destroy()

    const second = await start(dataDir)
    const reader = client(second, id)
    await reader.synced
    await waitFor(() => reader.records.size === 40, 'all 40 shapes are back')
    expect(reader.records.toJSON()).toEqual(received)
  })

  it('R18 edits made while the server is down are delivered when it returns', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const port = Number(new URL(first.url).port)
    const id = await newSession(first.url)
    const editor = client(first, id)
    await editor.synced
    editor.records.set('shape:before', rectangle('before'))
    const peer = client(first, id)
    await waitFor(() => peer.records.has('shape:before'), 'peer sees the first shape')
    peer.destroy()
    expect(await first.stop('SIGTERM')).toBe(0)

    editor.records.set('shape:while-down', rectangle('while-down', 50))
    editor.records.delete('shape:before')

    const second = await start(dataDir, port)
    await waitFor(() => editor.provider.synced, 'the editor reconnects by itself', 15_000)
    const later = client(second, id)
    await waitFor(
      () => later.records.has('shape:while-down') && !later.records.has('shape:before'),
      'a new client sees the offline edits',
    )
  })
})
