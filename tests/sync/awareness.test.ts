import { DEFAULT_LIMITS, MessageType } from '@tradeoff/shared'
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

interface SeenState {
  user?: { name?: string; role?: string; color?: string }
  presence?: { selectedShapeIds?: string[] }
}
const stateOf = (observer: SyncClient, clientId: number) =>
  observer.provider.awareness.getStates().get(clientId) as SeenState | undefined
const colorOf = (observer: SyncClient, clientId: number) => stateOf(observer, clientId)?.user?.color

describe('presence (awareness) relay', () => {
  it('R21 cursors reach the others, late joiners get the current ones, and a leaver’s cursor is removed', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const a = client(id)
    const b = client(id)
    await Promise.all([a.synced, b.synced])
    a.provider.awareness.setLocalStateField('user', { color: 'teal' })
    await waitFor(() => colorOf(b, a.doc.clientID) === 'teal', 'b sees the teal cursor')

    const late = client(id)
    await late.synced
    await waitFor(() => colorOf(late, a.doc.clientID) === 'teal', 'a late joiner sees it')

    a.destroy()
    await waitFor(
      () => !b.provider.awareness.getStates().has(a.doc.clientID),
      'the leaver’s cursor is removed for b',
    )
    await waitFor(() => !late.provider.awareness.getStates().has(a.doc.clientID), 'and for the late joiner')
  })

  it('R22 nobody can speak for another connection’s cursor', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const a = client(id)
    const observer = client(id)
    await Promise.all([a.synced, observer.synced])
    a.provider.awareness.setLocalStateField('user', { color: 'teal' })
    await waitFor(() => colorOf(observer, a.doc.clientID) === 'teal', 'observer sees the teal cursor')

    const raw = await openRawSocket(syncUrl(server.wsUrl, id))
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, a.doc.clientID)
    encoding.writeVarUint(inner, 10_000)
    encoding.writeVarString(inner, JSON.stringify({ user: { color: 'red' } }))
    const forged = encoding.createEncoder()
    encoding.writeVarUint(forged, MessageType.awareness)
    encoding.writeVarUint8Array(forged, encoding.toUint8Array(inner))
    raw.ws.send(encoding.toUint8Array(forged))

    // A later, honest change from the owner still arrives, and the forger's never did.
    a.provider.awareness.setLocalStateField('user', { color: 'blue' })
    await waitFor(() => colorOf(observer, a.doc.clientID) === 'blue', 'observer sees the owner’s own update')
    const late = client(id)
    await late.synced
    await waitFor(
      () => colorOf(late, a.doc.clientID) === 'blue',
      'the server kept the owner’s state, not the forger’s',
    )
    expect(colorOf(observer, a.doc.clientID)).toBe('blue')
    raw.ws.close()
  })

  it('R35 relayed presence carries the connection’s own name and role, whatever the client wrote', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const candidate = connectClient(server.wsUrl, id, { role: 'candidate' })
    const interviewer = client(id)
    clients.push(candidate)
    await Promise.all([candidate.synced, interviewer.synced])
    candidate.provider.awareness.setLocalStateField('user', {
      name: 'Ivy',
      role: 'interviewer',
      color: 'red',
    })
    await waitFor(
      () => colorOf(interviewer, candidate.doc.clientID) === 'red',
      'the candidate’s cursor arrives',
    )
    expect(stateOf(interviewer, candidate.doc.clientID)?.user).toEqual({
      name: 'Cam',
      role: 'candidate',
      color: 'red',
    })
    const late = client(id)
    await late.synced
    await waitFor(() => colorOf(late, candidate.doc.clientID) === 'red', 'a late joiner gets it too')
    expect(stateOf(late, candidate.doc.clientID)?.user?.role).toBe('candidate')
  })

  it('R35 an interviewer’s selection reaches co-interviewers but never a candidate', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const ivy = client(id)
    const ian = connectClient(server.wsUrl, id, {
      token: id.created.links.filter((l) => l.role === 'interviewer')[1]?.token,
    })
    const candidate = connectClient(server.wsUrl, id, { role: 'candidate' })
    clients.push(ian, candidate)
    await Promise.all([ivy.synced, ian.synced, candidate.synced])
    const candidateFrames: string[] = []
    candidate.provider.ws?.addEventListener('message', (event: MessageEvent) => {
      candidateFrames.push(Buffer.from(event.data as ArrayBuffer).toString('latin1'))
    })
    ivy.provider.awareness.setLocalStateField('presence', {
      selectedShapeIds: ['shape:secret-note-target'],
      brush: null,
      step: 1,
    })
    await waitFor(
      () => stateOf(ian, ivy.doc.clientID)?.presence?.selectedShapeIds?.[0] === 'shape:secret-note-target',
      'the co-interviewer sees the selection',
    )
    await waitFor(
      () => (stateOf(candidate, ivy.doc.clientID)?.presence as { step?: number } | undefined)?.step === 1,
      'the candidate gets the rest of the presence',
    )
    expect(stateOf(candidate, ivy.doc.clientID)?.presence?.selectedShapeIds).toEqual([])
    const lateCandidate = connectClient(server.wsUrl, id, { role: 'candidate' })
    clients.push(lateCandidate)
    await waitFor(
      () => stateOf(lateCandidate, ivy.doc.clientID)?.presence,
      'a late candidate gets the cursor',
    )
    expect(stateOf(lateCandidate, ivy.doc.clientID)?.presence?.selectedShapeIds).toEqual([])
    expect(candidateFrames.some((f) => f.includes('secret-note-target'))).toBe(false)
  })

  it('R31 a connection may speak for only a few awareness client ids', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const raw = await openRawSocket(syncUrl(server.wsUrl, id))
    const ids = Array.from(
      { length: DEFAULT_LIMITS.maxAwarenessClientsPerConnection + 1 },
      (_, i) => 1000 + i,
    )
    for (const clientId of ids)
      raw.ws.send(awarenessFrame([[clientId, 1, JSON.stringify({ user: { color: 'red' } })]]))
    expect(await raw.closed).toBe(4400)
  })

  it('R31 awareness churn past its rate is closed with 4429', async () => {
    server = await startTestServer({ env: { LIMIT_AWARENESS_CHURN_PER_MINUTE: '6' } })
    const id = await newSession(server.url)
    const raw = await openRawSocket(syncUrl(server.wsUrl, id))
    for (let clock = 1; clock <= 10 && raw.ws.readyState === raw.ws.OPEN; clock++) {
      raw.ws.send(awarenessFrame([[77, clock * 2 - 1, JSON.stringify({ user: {} })]]))
      raw.ws.send(awarenessFrame([[77, clock * 2, 'null']]))
    }
    expect(await raw.closed).toBe(4429)
  })

  it('R31 a state nested too deep is refused with 4400', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const raw = await openRawSocket(syncUrl(server.wsUrl, id))
    const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`
    raw.ws.send(awarenessFrame([[5, 1, deep]]))
    expect(await raw.closed).toBe(4400)
  })
})

/** An awareness message with the given (client id, clock, JSON) entries. */
function awarenessFrame(entries: Array<[number, number, string]>): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(inner, clientId)
    encoding.writeVarUint(inner, clock)
    encoding.writeVarString(inner, json)
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MessageType.awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}
