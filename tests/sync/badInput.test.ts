import { DEFAULT_LIMITS, MessageType } from '@tradeoff/shared'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { openRawSocket } from '../support/rawSocket'
import { rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, syncUrl } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

function frame(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) part(encoder)
  return encoding.toUint8Array(encoder)
}

const BAD_FRAMES: Array<[string, () => Uint8Array, number]> = [
  [
    'garbage bytes',
    () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    4400,
  ],
  [
    'a truncated sync update',
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.sync),
        (e) => encoding.writeVarUint(e, 2),
        (e) => encoding.writeVarUint(e, 500),
      ),
    4400,
  ],
  ['an unknown message type', () => frame((e) => encoding.writeVarUint(e, 42)), 4400],
  ['an auth message', () => frame((e) => encoding.writeVarUint(e, MessageType.auth)), 4400],
  [
    'an update that is not a Yjs update',
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.sync),
        (e) => encoding.writeVarUint(e, 2),
        (e) => encoding.writeVarUint8Array(e, new Uint8Array([7, 7, 7, 7, 7])),
      ),
    4400,
  ],
  [
    'an awareness state that is not JSON',
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) =>
          encoding.writeVarUint8Array(
            e,
            frame(
              (i) => encoding.writeVarUint(i, 1),
              (i) => encoding.writeVarUint(i, 1234),
              (i) => encoding.writeVarUint(i, 1),
              (i) => encoding.writeVarString(i, '{not json'),
            ),
          ),
      ),
    4400,
  ],
  ['a frame over the size limit', () => new Uint8Array(DEFAULT_LIMITS.maxMessageBytes + 1), 4413],
]

describe('bad input hurts one connection only', () => {
  it.each(BAD_FRAMES)(
    'R13 %s closes that connection with its code and one log line',
    async (_name, make, code) => {
      server = await startTestServer()
      const healthy = connectClient(server.wsUrl, await newSession(server.url))
      clients.push(healthy)
      await healthy.synced
      const badSession = await newSession(server.url)
      const neighbour = connectClient(server.wsUrl, badSession)
      clients.push(neighbour)
      await neighbour.synced

      const raw = await openRawSocket(syncUrl(server.wsUrl, badSession))
      raw.ws.send(make())
      expect(await raw.closed).toBe(code)

      // The process, the other room and the same room keep working.
      healthy.records.set('shape:after', rectangle('after'))
      neighbour.records.set('shape:next-door', rectangle('next-door'))
      const observer = connectClient(server.wsUrl, badSession)
      clients.push(observer)
      await waitFor(() => observer.records.has('shape:next-door'), 'the same room still syncs')
      expect(server.logs.filter((l) => l.code === code && l.level === 40)).toHaveLength(1)
    },
  )

  it('R14 a flood of messages is closed with 4429', async () => {
    server = await startTestServer()
    const raw = await openRawSocket(syncUrl(server.wsUrl, await newSession(server.url)))
    const query = frame((e) => encoding.writeVarUint(e, MessageType.queryAwareness))
    for (let i = 0; i < DEFAULT_LIMITS.messageBurst + 200 && raw.ws.readyState === raw.ws.OPEN; i++)
      raw.ws.send(query)
    expect(await raw.closed).toBe(4429)
  })

  it('R15 malformed paths and unknown sessions are refused with 4404', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    for (const path of [
      `/sync/short/board?token=${session.token('interviewer')}`,
      `/sync/${session.id}/notes?token=${session.token('interviewer')}`,
      `/sync/${session.id}/board/extra?token=${session.token('interviewer')}`,
      `/sync/AAAAAAAAAAAAAAAA/board?token=${session.token('interviewer')}`,
    ]) {
      const raw = await openRawSocket(`${server.wsUrl}${path}`)
      expect(await raw.closed, path).toBe(4404)
    }
  })
})

describe('dead sockets', () => {
  it('R23 a socket that stops answering pings is closed and leaves the room', async () => {
    server = await startTestServer({ pingIntervalMs: 100 })
    const id = await newSession(server.url)
    const watcher = connectClient(server.wsUrl, id)
    clients.push(watcher)
    await watcher.synced
    const { default: WebSocket } = await import('ws')
    const silent = new WebSocket(syncUrl(server.wsUrl, id), { autoPong: false })
    const closed = new Promise<void>((resolve) => silent.once('close', () => resolve()))
    await waitFor(() => server.sync.size === 2, 'both connections are open')
    await closed
    await waitFor(() => server.sync.size === 1, 'the silent socket was dropped; the answering one stays')
    expect(watcher.provider.wsconnected).toBe(true)
  })

  it('R23 pings are spread over the interval, not sent to every socket at once', async () => {
    server = await startTestServer({ pingIntervalMs: 1_000 })
    const id = await newSession(server.url)
    const { default: WebSocket } = await import('ws')
    const pingedAt: number[] = []
    const sockets = Array.from({ length: 20 }, () => {
      const socket = new WebSocket(syncUrl(server.wsUrl, id))
      socket.on('ping', () => pingedAt.push(performance.now()))
      return socket
    })
    try {
      await waitFor(() => server.sync.size === 20, 'every socket is open')
      await waitFor(() => pingedAt.length >= 20, 'every socket was pinged', 3_000)
      // A sweep of all at once lands within a few milliseconds; in slices they span most of a second.
      const first = pingedAt.slice(0, 20)
      expect(Math.max(...first) - Math.min(...first)).toBeGreaterThan(300)
    } finally {
      for (const socket of sockets) socket.terminate()
    }
  })
})
