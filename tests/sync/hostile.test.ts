import { CloseCodes, type DocName, MessageType } from '@tradeoff/shared'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { waitFor } from '../support/poll'
import { openRawSocket, upgradeStatus } from '../support/rawSocket'
import { page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, syncUrl, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
const clients: SyncClient[] = []
const sockets: WebSocket[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of sockets.splice(0)) s.terminate()
  await server?.close()
})

function client(session: TestSession, options: Parameters<typeof connectClient>[2] = {}): SyncClient {
  const c = connectClient(server.wsUrl, session, options)
  clients.push(c)
  return c
}

/** A sync-update frame carrying `update`. */
function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Two updates of one Yjs client, the second depending on the first. */
function dependentUpdates(clientId: number, firstKey: string, secondKey: string, padding = 0) {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.getMap('records').set(`shape:${firstKey}`, rectangle(firstKey))
  doc.getMap('records').set(`shape:${secondKey}`, rectangle(secondKey, 0, 0, 'x'.repeat(padding)))
  const [first, second] = updates
  if (!first || !second) throw new Error('expected two updates')
  return { first, second }
}

async function boardWithPage(session: TestSession): Promise<SyncClient> {
  const writer = client(session)
  await writer.synced
  writer.records.set('page:page', page())
  return writer
}

describe('ids have one spelling', () => {
  it('R25 a percent-encoded session id opens the same room as the plain one', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const plain = await boardWithPage(session)
    const encodedId = [...session.id].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('')
    const encoded = connectClient(server.wsUrl, { ...session, id: encodedId })
    clients.push(encoded)
    await encoded.synced
    encoded.records.set('shape:from-encoded', rectangle('from-encoded'))
    await waitFor(() => plain.records.has('shape:from-encoded'), 'the plain-id client sees the edit')
    expect(server.registry.size).toBe(1)
  })

  it('R25 the per-room connection limit counts every spelling of an id', async () => {
    server = await startTestServer({ env: { LIMIT_MAX_CONNECTIONS_PER_ROOM: '2' } })
    const session = await newSession(server.url)
    await client(session).synced
    await client(session).synced
    const lower = session.id.replace(/[A-Za-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)
    const raw = await openRawSocket(
      `${server.wsUrl}/sync/${lower}/board?token=${session.token('interviewer')}`,
    )
    expect(await raw.closed).toBe(CloseCodes.roomFull.code)
  })

  it('R25 a spelling that is not a session id once decoded is refused with 4404', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const token = session.token('interviewer')
    for (const path of [
      `/sync/${session.id}%2Fboard/board`,
      `/sync/%E0%A4%A/board`,
      `/sync/${session.id}%00/board`,
      `/sync/${session.id.slice(0, -1)}%C3%A9/board`,
      `/sync/..%2F${session.id}/board`,
    ]) {
      const raw = await openRawSocket(`${server.wsUrl}${path}?token=${token}`)
      expect(await raw.closed, path).toBe(4404)
    }
  })
})

describe('no client can take the process or a room down', () => {
  it('R26 a malformed state vector, a deleted session and a failing hook each refuse one client only', async () => {
    server = await startTestServer()
    const bystanders = await newSession(server.url)
    const a = await boardWithPage(bystanders)
    const b = client(bystanders)
    await b.synced

    const victim = await newSession(server.url)
    const raw = await openRawSocket(syncUrl(server.wsUrl, victim))
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, MessageType.sync)
    encoding.writeVarUint(step1, syncProtocol.messageYjsSyncStep1)
    encoding.writeVarUint8Array(step1, new Uint8Array([200, 200, 200, 200, 200]))
    raw.ws.send(encoding.toUint8Array(step1))
    expect(await raw.closed).toBe(4400)

    // Deleting a session under its connected clients: their leaves can no longer be recorded.
    const doomed = await newSession(server.url)
    const inDoomed = client(doomed, { role: 'candidate' })
    await inDoomed.synced
    const deleted = await fetch(`${server.url}/api/sessions/${doomed.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${doomed.token('interviewer')}` },
    })
    expect(deleted.status).toBe(204)
    await waitFor(() => inDoomed.closeCodes.includes(4404), 'the deleted session’s client is closed')

    a.records.set('shape:still-alive', rectangle('still-alive'))
    await waitFor(() => b.records.has('shape:still-alive'), 'the other room still syncs')
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})

describe('missing dependencies are held, bounded and never shown', () => {
  it('R30 an update whose dependencies are missing reaches nobody, and is applied once they arrive', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const watcher = await boardWithPage(session)
    const raw = await openRawSocket(syncUrl(server.wsUrl, session))
    const { first, second } = dependentUpdates(4242, 'first', 'second')
    raw.ws.send(updateFrame(second))
    const joiner = client(session)
    await joiner.synced
    raw.ws.send(updateFrame(rectangleUpdate(9191, 'marker')))
    await waitFor(() => watcher.records.has('shape:marker'), 'a later update arrives')
    expect(watcher.records.has('shape:second')).toBe(false)
    expect(joiner.records.has('shape:second')).toBe(false)
    expect(joiner.doc.store.pendingStructs).toBeNull()

    raw.ws.send(updateFrame(first))
    await waitFor(
      () => watcher.records.has('shape:second'),
      'the held update is applied after its dependency',
    )
    expect(watcher.records.has('shape:first')).toBe(true)
    expect(raw.ws.readyState).toBe(WebSocket.OPEN)
    raw.ws.close()
  })

  it('R30 held updates past the bound close their sender with 4400', async () => {
    server = await startTestServer({ env: { LIMIT_MAX_PENDING_BYTES_PER_CONNECTION: '4096' } })
    const session = await newSession(server.url)
    const watcher = await boardWithPage(session)
    const raw = await openRawSocket(syncUrl(server.wsUrl, session))
    for (let i = 0; i < 10 && raw.ws.readyState === WebSocket.OPEN; i++) {
      raw.ws.send(updateFrame(dependentUpdates(5000 + i, 'gap', `held-${i}`, 1000).second))
    }
    expect(await raw.closed).toBe(4400)
    watcher.records.set('shape:after', rectangle('after'))
    const joiner = client(session)
    await waitFor(() => joiner.records.has('shape:after'), 'the room still works')
    expect([...joiner.records.keys()].some((k) => k.startsWith('shape:held'))).toBe(false)
  })
})

describe('documents have a quota', () => {
  it('R33 past its update quota a document refuses writes with 4413 and a reason the client can show', async () => {
    server = await startTestServer({ env: { LIMIT_MAX_DOC_UPDATES: '12' } })
    const session = await newSession(server.url)
    const writer = await boardWithPage(session)
    const reasons: string[] = []
    writer.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) reasons.push(event.reason)
    })
    for (let i = 0; i < 20 && !writer.closeCodes.includes(4413); i++) {
      writer.records.set(`shape:n${i}`, rectangle(`n${i}`))
      await new Promise((resolve) => setImmediate(resolve))
    }
    await waitFor(() => writer.closeCodes.includes(4413), 'the writer is closed with 4413')
    expect(reasons).toContain(CloseCodes.quotaReached.reason)
    const reader = client(session)
    await reader.synced
    const stored = [...reader.records.keys()].filter((k) => k.startsWith('shape:n')).length
    expect(stored).toBeGreaterThan(0)
    expect(stored).toBeLessThan(20)
  })
})

describe('upgrades are bounded', () => {
  it('R34 websocket upgrades past the per-address rate get HTTP 429; another address is still served', async () => {
    server = await startTestServer({ env: { LIMIT_UPGRADES_PER_MINUTE: '3' } })
    const session = await newSession(server.url)
    const url = syncUrl(server.wsUrl, session)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push(await upgradeStatus(url))
    expect(statuses).toEqual([101, 101, 101, 429])
    expect(await upgradeStatus(url.replace('127.0.0.1', '127.0.0.1'), { localAddress: '127.0.0.2' })).toBe(
      101,
    )
  })
})

describe('the timeline does not grow with churn', () => {
  async function presenceEvents(session: TestSession) {
    const response = await fetch(`${server.url}/api/sessions/${session.id}/report?format=json`, {
      headers: { authorization: `Bearer ${session.token('interviewer')}` },
    })
    const report = (await response.json()) as { events: Array<{ kind: string; name: string | null }> }
    return report.events.filter((e) => e.kind === 'join' || e.kind === 'leave')
  }

  async function churn(session: TestSession, times: number) {
    for (let i = 0; i < times; i++) {
      const raw = await openRawSocket(syncUrl(server.wsUrl, session, 'candidate'))
      await waitFor(() => raw.received.length > 0, 'the socket joined')
      raw.ws.close()
      await raw.closed
    }
  }

  it('R32 a person who reconnects in a loop is one join on the timeline', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    await churn(session, 25)
    const events = await presenceEvents(session)
    expect(events.filter((e) => e.kind === 'join')).toEqual([expect.objectContaining({ name: 'Cam' })])
  })

  it('R32 join and leave events are capped per session', async () => {
    server = await startTestServer({
      env: { LIMIT_PRESENCE_COALESCE_MS: '1', LIMIT_MAX_PRESENCE_EVENTS_PER_SESSION: '6' },
    })
    const session = await newSession(server.url)
    await churn(session, 12)
    await waitFor(async () => (await presenceEvents(session)).length === 6, 'six events are kept')
    await churn(session, 3)
    expect(await presenceEvents(session)).toHaveLength(6)
  })
})

describe('stale tabs', () => {
  it('R39 a tab running another build is told to reload; the current build and tools without a version are served', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const current = (await (await fetch(`${server.url}/`)).text()).match(/assets\/([^"]+\.js)/)?.[1]
    expect(current).toBeTruthy()
    const stale = await openRawSocket(`${syncUrl(server.wsUrl, session)}&v=index-0ld0ld.js`)
    const code = await stale.closed
    expect(code).toBe(CloseCodes.appUpdated.code)
    const fresh = await openRawSocket(`${syncUrl(server.wsUrl, session)}&v=${current}`)
    const tool = await openRawSocket(syncUrl(server.wsUrl, session))
    await waitFor(() => fresh.received.length > 0 && tool.received.length > 0, 'both are served')
    fresh.ws.close()
    tool.ws.close()
  })
})

function rectangleUpdate(clientId: number, key: string, doc: DocName = 'board'): Uint8Array {
  const ydoc = new Y.Doc()
  ydoc.clientID = clientId
  ydoc.getMap(doc === 'board' ? 'records' : 'notes').set(`shape:${key}`, rectangle(key))
  return Y.encodeStateAsUpdate(ydoc)
}
