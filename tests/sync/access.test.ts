import type { Role } from '@tradeoff/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { waitFor } from '../support/poll'
import { openRawSocket } from '../support/rawSocket'
import { note, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
let session: TestSession
let otherSession: TestSession
const clients: SyncClient[] = []

beforeAll(async () => {
  server = await startTestServer()
  session = await newSession(server.url)
  otherSession = await newSession(server.url)
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

function join(role: Role, doc: 'board' | 'panel'): SyncClient {
  const c = connectClient(server.wsUrl, session, { role, doc })
  clients.push(c)
  return c
}

// The cursor's colour: the server stamps `user.name` and `user.role` itself (R35), not the colour.
const cursorIn = (observer: SyncClient, writer: SyncClient) =>
  (
    observer.provider.awareness.getStates().get(writer.doc.clientID) as
      | { user?: { color?: string } }
      | undefined
  )?.user?.color

/** What each role may do on each document (README, "Websocket sync"); null: refused with 4403. */
const MATRIX: Array<[Role, 'board' | 'panel', { write: boolean; presence: boolean } | null]> = [
  ['interviewer', 'board', { write: true, presence: true }],
  ['candidate', 'board', { write: true, presence: true }],
  ['reviewer', 'board', { write: false, presence: false }],
  ['interviewer', 'panel', { write: true, presence: true }],
  ['reviewer', 'panel', { write: false, presence: false }],
  ['candidate', 'panel', null],
]

describe('access matrix: role × document × {read, write, awareness}', () => {
  it.each(MATRIX)('A1 %s on %s', async (role, doc, expected) => {
    if (expected === null) {
      const raw = await openRawSocket(
        `${server.wsUrl}/sync/${session.id}/${doc}?token=${session.token(role)}`,
      )
      expect(await raw.closed).toBe(4403)
      expect(raw.received).toHaveLength(0)
      return
    }
    // The observer is an interviewer, who may read and write both documents.
    const observer = join('interviewer', doc)
    const subject = join(role, doc)
    await Promise.all([observer.synced, subject.synced])
    const key = doc === 'board' ? `shape:${role}-probe` : `probe-${role}`
    const value = doc === 'board' ? rectangle(`${role}-probe`) : note(key, 'Ivy')

    // read: the observer's write reaches the subject.
    const readKey = doc === 'board' ? `shape:${role}-read` : `read-${role}`
    const map = (c: SyncClient) => c.doc.getMap(doc === 'board' ? 'records' : 'notes')
    map(observer).set(readKey, doc === 'board' ? rectangle(`${role}-read`) : note(readKey, 'Ivy'))
    await waitFor(() => map(subject).has(readKey), `${role} reads ${doc}`)

    // awareness: the subject's cursor reaches the observer, or is dropped.
    subject.provider.awareness.setLocalStateField('user', { color: `${role}-cursor` })
    // write: the subject's write reaches the observer, or is dropped (not refused: no close).
    map(subject).set(key, value)
    // A marker written after, by the observer, proves the subject's write had its chance to arrive.
    const fresh = join('interviewer', doc)
    await fresh.synced
    const after = `${readKey}-after`
    map(observer).set(after, doc === 'board' ? rectangle(`${role}-read-after`) : note(after, 'Ivy'))
    await waitFor(() => map(fresh).has(after), 'the marker arrived')
    if (expected.write) await waitFor(() => map(fresh).has(key), `${role}'s write arrives`)
    expect(map(fresh).has(key)).toBe(expected.write)
    if (expected.presence)
      await waitFor(() => cursorIn(observer, subject) === `${role}-cursor`, 'cursor arrives')
    expect(cursorIn(fresh, subject)).toBe(expected.presence ? `${role}-cursor` : undefined)
    expect(subject.closeCodes).toEqual([])
  })

  it.each([
    ['a missing token', () => `${server.wsUrl}/sync/${session.id}/board`, 4401],
    ['a wrong token', () => `${server.wsUrl}/sync/${session.id}/board?token=${'x'.repeat(43)}`, 4401],
    ['a malformed token', () => `${server.wsUrl}/sync/${session.id}/board?token=abc`, 4401],
    [
      'another session’s token',
      () => `${server.wsUrl}/sync/${session.id}/board?token=${otherSession.token('interviewer')}`,
      4401,
    ],
    [
      'an unknown session',
      () => `${server.wsUrl}/sync/AAAAAAAAAAAAAAAA/board?token=${session.token('interviewer')}`,
      4404,
    ],
  ] as const)('A2 %s is refused with %s and receives nothing', async (_name, url, code) => {
    const raw = await openRawSocket(url())
    expect(await raw.closed).toBe(code)
    expect(raw.received).toHaveLength(0)
  })

  it('A3 a candidate who writes into the session or meta map is refused (4400)', async () => {
    for (const forge of [
      (doc: Y.Doc) => doc.getMap('session').set('state', { phaseIndex: 5 }),
      (doc: Y.Doc) => doc.getMap('meta').set('schema', {}),
    ]) {
      const candidate = join('candidate', 'board')
      await candidate.synced
      await waitFor(() => candidate.doc.getMap('session').has('state'), 'candidate sees the session state')
      forge(candidate.doc)
      await waitFor(() => candidate.closeCodes.includes(4400), 'closed with 4400')
      const check = join('interviewer', 'board')
      await check.synced
      await waitFor(() => check.doc.getMap('session').has('state'), 'state present')
      expect((check.doc.getMap('session').get('state') as { phaseIndex: number }).phaseIndex).toBe(0)
    }
  })

  it('A4 tokens never appear in the server log', () => {
    const text = JSON.stringify(server.logs)
    for (const link of session.created.links) expect(text).not.toContain(link.token)
  })
})
