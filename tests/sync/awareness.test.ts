import { MessageType } from '@tradeoff/shared'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { openRawSocket } from '../support/rawSocket'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, syncUrl, type TestSession } from '../support/sessions'
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

const nameOf = (observer: SyncClient, clientId: number) =>
  (observer.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user
    ?.name

describe('presence (awareness) relay', () => {
  it('R21 cursors reach the others, late joiners get the current ones, and a leaver’s cursor is removed', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const a = client(id)
    const b = client(id)
    await Promise.all([a.synced, b.synced])
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await waitFor(() => nameOf(b, a.doc.clientID) === 'Ada', 'b sees Ada')

    const late = client(id)
    await late.synced
    await waitFor(() => nameOf(late, a.doc.clientID) === 'Ada', 'a late joiner sees Ada')

    a.destroy()
    await waitFor(
      () => !b.provider.awareness.getStates().has(a.doc.clientID),
      'Ada’s cursor is removed for b',
    )
    await waitFor(() => !late.provider.awareness.getStates().has(a.doc.clientID), 'and for the late joiner')
  })

  it('R22 nobody can speak for another connection’s cursor', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const a = client(id)
    const observer = client(id)
    await Promise.all([a.synced, observer.synced])
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await waitFor(() => nameOf(observer, a.doc.clientID) === 'Ada', 'observer sees Ada')

    const raw = await openRawSocket(syncUrl(server.wsUrl, id))
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, a.doc.clientID)
    encoding.writeVarUint(inner, 10_000)
    encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Mallory' } }))
    const forged = encoding.createEncoder()
    encoding.writeVarUint(forged, MessageType.awareness)
    encoding.writeVarUint8Array(forged, encoding.toUint8Array(inner))
    raw.ws.send(encoding.toUint8Array(forged))

    // A later, honest change from Ada still arrives, and Mallory's never did.
    a.provider.awareness.setLocalStateField('user', { name: 'Ada L.' })
    await waitFor(() => nameOf(observer, a.doc.clientID) === 'Ada L.', 'observer sees Ada’s own update')
    const late = client(id)
    await late.synced
    await waitFor(
      () => nameOf(late, a.doc.clientID) === 'Ada L.',
      'the server kept Ada’s state, not Mallory’s',
    )
    expect(nameOf(observer, a.doc.clientID)).toBe('Ada L.')
    raw.ws.close()
  })
})
