import { CloseCodes, type SessionView } from '@tradeoff/shared'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { TEST_REDIS_URL, useCluster } from '../support/cluster'
import { waitFor } from '../support/poll'
import { upgradeStatus } from '../support/rawSocket'
import { page, rectangle } from '../support/records'
import type { ServerProcess } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

// Several real server processes on one PostgreSQL database and one Redis (SPEC.md, R44-R49).
const cluster = useCluster()

function connect(url: string, session: TestSession, options: Parameters<typeof connectClient>[2] = {}) {
  const client = connectClient(url, session, options)
  cluster.clients.push(client)
  return client
}

function ids(client: SyncClient): string[] {
  return [...client.records.keys()].filter((id) => id.startsWith('shape:')).sort()
}

/** Adds a rectangle `shape:<name>`, and the page it sits on if the board has none yet. */
function addShape(client: SyncClient, name: string, x = 0): void {
  client.doc.transact(() => {
    if (!client.records.has('page:page')) client.records.set('page:page', page())
    client.records.set(`shape:${name}`, rectangle(name, x))
  })
}

async function control(url: string, session: TestSession, action: string): Promise<SessionView> {
  const response = await fetch(`${url}/api/sessions/${session.id}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token('interviewer')}` },
    body: JSON.stringify({ action }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as SessionView
}

function sessionState(
  client: SyncClient,
): { startedAt?: number | null; endedAt?: number | null } | undefined {
  return client.doc.getMap('session').get('state') as never
}

describe('several processes on PostgreSQL and Redis', () => {
  it('R44 two clients of one board on different processes see each other’s edits and cursors, stamped as the server knows them', async () => {
    const [a, b] = (await cluster.start(2)).processes as [ServerProcess, ServerProcess]
    const session = await newSession(a.url)
    const ivy = connect(a.wsUrl, session, { role: 'interviewer' })
    const cam = connect(b.wsUrl, session, { role: 'candidate' })
    await Promise.all([ivy.synced, cam.synced])

    addShape(ivy, 'fromA')
    addShape(cam, 'fromB')
    await waitFor(() => ids(ivy).length === 2 && ids(cam).length === 2, 'both shapes on both processes')
    expect(ids(ivy)).toEqual(ids(cam))

    // Presence crosses processes with the identity stamped where it arrived; the interviewer's
    // selection never reaches the candidate.
    ivy.provider.awareness.setLocalState({
      user: { name: 'Someone else', role: 'candidate' },
      presence: { cursor: { x: 1, y: 2 }, selectedShapeIds: ['shape:fromA'] },
    })
    cam.provider.awareness.setLocalState({ user: { name: 'Cam' }, presence: { cursor: { x: 5, y: 6 } } })
    const seenByCam = await waitFor(
      () => cam.provider.awareness.getStates().get(ivy.doc.clientID),
      'the candidate sees the interviewer’s cursor',
    )
    expect(seenByCam.user).toMatchObject({ name: 'Ivy', role: 'interviewer' })
    expect(seenByCam.presence.cursor).toEqual({ x: 1, y: 2 })
    expect(seenByCam.presence.selectedShapeIds).toEqual([])
    const seenByIvy = await waitFor(
      () => ivy.provider.awareness.getStates().get(cam.doc.clientID),
      'the interviewer sees the candidate’s cursor',
    )
    expect(seenByIvy.user).toMatchObject({ name: 'Cam', role: 'candidate' })

    // A client joining on a process that loads the room later sees the presence already there.
    const ian = connect(b.wsUrl, session, { role: 'interviewer' })
    await ian.synced
    const ivyForIan = await waitFor(
      () => ian.provider.awareness.getStates().get(ivy.doc.clientID),
      'a later joiner on B sees the cursor of A',
    )
    expect(ivyForIan.presence.selectedShapeIds).toEqual(['shape:fromA'])

    // A cursor that leaves is removed on the other process too.
    ivy.provider.disconnect()
    await waitFor(() => !cam.provider.awareness.getStates().has(ivy.doc.clientID), 'the cursor removed on B')
  })

  it('R44 presence of a room held by one process alone reaches a process that loads it later', async () => {
    const [a, b] = (await cluster.start(2)).processes as [ServerProcess, ServerProcess]
    const session = await newSession(a.url)
    const ivy = connect(a.wsUrl, session, { role: 'interviewer' })
    const ian = connect(a.wsUrl, session, { role: 'interviewer' })
    await Promise.all([ivy.synced, ian.synced])
    // Only A holds the room: its presence changes go to no other process.
    for (let x = 1; x <= 3; x++) {
      ivy.provider.awareness.setLocalStateField('presence', { cursor: { x, y: 0 } })
      await waitFor(
        () => ian.provider.awareness.getStates().get(ivy.doc.clientID)?.presence?.cursor?.x === x,
        'A relays the cursor to its own sockets',
      )
    }
    // B loads the room: it hears the presence already there, then every later change.
    const cam = connect(b.wsUrl, session, { role: 'candidate' })
    await cam.synced
    await waitFor(
      () => cam.provider.awareness.getStates().get(ivy.doc.clientID)?.presence?.cursor?.x === 3,
      'B gets the cursor as it was',
    )
    ivy.provider.awareness.setLocalStateField('presence', { cursor: { x: 4, y: 0 } })
    await waitFor(
      () => cam.provider.awareness.getStates().get(ivy.doc.clientID)?.presence?.cursor?.x === 4,
      'B gets the next move',
    )
  })

  it('R45 the clock, hints, end of round and deletes issued on one process reach sockets on every other', async () => {
    const [a, b, c] = (await cluster.start(3)).processes as [ServerProcess, ServerProcess, ServerProcess]
    const session = await newSession(a.url)
    const onB = connect(b.wsUrl, session, { role: 'candidate' })
    const onC = connect(c.wsUrl, session, { role: 'interviewer' })
    await Promise.all([onB.synced, onC.synced])

    const started = await control(a.url, session, 'start')
    await waitFor(() => sessionState(onB)?.startedAt === started.state.startedAt, 'the clock started on B')
    await waitFor(() => sessionState(onC)?.startedAt === started.state.startedAt, 'the clock started on C')
    await control(a.url, session, 'revealHint')
    await waitFor(
      () => (sessionState(onB) as { revealedHints?: unknown[] })?.revealedHints?.length === 1,
      'the hint revealed on B',
    )

    // Before the end, a write on B reaches C; after it, B's board is final: its writes are dropped.
    addShape(onB, 'before')
    await waitFor(() => onC.records.has('shape:before'), 'a write on B reaches C')
    const ended = await control(a.url, session, 'end')
    await waitFor(() => sessionState(onB)?.endedAt === ended.state.endedAt, 'the round ended on B')
    addShape(onB, 'after')
    addShape(onC, 'afterToo')
    const late = connect(a.wsUrl, session)
    await late.synced
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(late.records.has('shape:after')).toBe(false)
    expect(late.records.has('shape:afterToo')).toBe(false)

    // A delete on A closes the sockets on B and C with 4404.
    const deleted = await fetch(`${a.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.token('interviewer')}` },
    })
    expect(deleted.status).toBe(204)
    await waitFor(() => onB.closeCodes.includes(CloseCodes.notFound.code), 'B closes its socket with 4404')
    await waitFor(() => onC.closeCodes.includes(CloseCodes.notFound.code), 'C closes its socket with 4404')
  })

  it('R46 connection and rate limits hold across processes', async () => {
    const [a, b, c] = (
      await cluster.start(3, {
        // Counts of its own: the other tests' upgrades from this address must not count here.
        REDIS_PREFIX: `${cluster.prefix}limits:`,
        LIMIT_MAX_CONNECTIONS_PER_ROOM: '2',
        LIMIT_UPGRADES_PER_MINUTE: '8',
        LIMIT_HTTP_REQUESTS_PER_MINUTE: '12',
      })
    ).processes as [ServerProcess, ServerProcess, ServerProcess]
    const session = await newSession(a.url)
    const first = connect(a.wsUrl, session)
    const second = connect(b.wsUrl, session)
    await waitFor(() => first.provider.synced && second.provider.synced, 'two connections synced')
    const third = connect(c.wsUrl, session)
    await waitFor(
      () => third.closeCodes.includes(CloseCodes.roomFull.code),
      'the third connection refused as the room is full',
    )
    third.provider.disconnect()
    // A place freed on one process is free on the others, once that process counted it out.
    first.destroy()
    const redis = new Redis(TEST_REDIS_URL)
    try {
      const counted = async () =>
        Object.values(await redis.hgetall(`${cluster.prefix}limits:occupancy:${session.id}/board`)).reduce(
          (sum, count) => sum + Number(count),
          0,
        )
      await waitFor(async () => (await counted()) === 1, 'the first connection counted out')
    } finally {
      redis.disconnect()
    }
    const fourth = connect(c.wsUrl, session)
    await waitFor(() => fourth.provider.synced, 'the fourth connection synced')
    fourth.provider.disconnect()
    second.provider.disconnect()

    // Upgrades so far: first, second, third (maybe retried), fourth. Spread over three processes,
    // the address runs out of its 8 a minute and gets HTTP 429 wherever it asks.
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const process = [a, b, c][i % 3] as ServerProcess
      statuses.push(await upgradeStatus(`${process.wsUrl}/sync/${session.id}/board`))
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(4)
    expect(statuses.at(-1)).toBe(429)

    // The HTTP limit likewise: 12 requests a minute over all three processes.
    const codes: number[] = []
    for (let i = 0; i < 15; i++) {
      const process = [a, b, c][i % 3] as ServerProcess
      codes.push((await fetch(`${process.url}/api/prompts`)).status)
    }
    expect(codes.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3)
  })

  it('R47 SIGKILL of one process loses nothing any client received; its clients reconnect to another and carry on', async () => {
    const { processes, balancer } = await cluster.start(3)
    const session = await newSession(balancer.url)
    const writers = [0, 1, 2].map(() => connect(balancer.wsUrl, session))
    await Promise.all(writers.map((writer) => writer.synced))
    // Round robin: one writer per process.
    expect(new Set(balancer.picks.slice(-3)).size).toBe(3)

    let written = 0
    const write = (count: number) => {
      for (let i = 0; i < count; i++) {
        for (const [index, writer] of writers.entries()) {
          if (writer.provider.wsconnected) addShape(writer, `w${index}n${written}`, written)
        }
        written++
      }
    }
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20))
    for (let round = 0; round < 10; round++) {
      write(2)
      await pause()
    }
    const victim = processes[balancer.picks.at(-3) as number] as ServerProcess
    expect(await victim.stop('SIGKILL')).toBeNull()
    for (let round = 0; round < 10; round++) {
      write(2)
      await pause()
    }
    // Every client reconnects through the balancer to a live process and converges.
    await waitFor(
      () => writers.every((writer) => writer.provider.wsconnected && writer.provider.synced),
      'every writer connected again',
      20_000,
    )
    await waitFor(
      () => writers.every((writer) => ids(writer).length === ids(writers[0] as SyncClient).length),
      'every writer holds the same shapes',
      20_000,
    )
    const seen = new Set(writers.flatMap(ids))
    // The killed process's writer kept its writes offline and sent them after reconnecting.
    expect(seen.size).toBe(writers.reduce((sum, writer) => sum + ids(writer).length, 0) / writers.length)

    // A fresh process reading only the store has every shape any client holds.
    const fresh = await cluster.spawn()
    const reader = connect(fresh.wsUrl, session)
    await reader.synced
    await waitFor(() => ids(reader).length === seen.size, 'a fresh process reads every shape')
    expect(ids(reader)).toEqual([...seen].sort())
  })

  it('R48 a room loading on a second process misses no update stored while it loads', async () => {
    const [a, b] = (await cluster.start(2)).processes as [ServerProcess, ServerProcess]
    for (let attempt = 0; attempt < 3; attempt++) {
      const session = await newSession(a.url)
      const writer = connect(a.wsUrl, session)
      await writer.synced
      let n = 0
      const timer = setInterval(() => {
        for (let i = 0; i < 5; i++) addShape(writer, `n${n++}`)
      }, 5)
      // Joins on B while A keeps storing: B subscribes, loads, then applies what arrived meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 40))
      const reader = connect(b.wsUrl, session)
      await reader.synced
      await new Promise((resolve) => setTimeout(resolve, 200))
      clearInterval(timer)
      await waitFor(() => ids(reader).length === n, 'the reader on B has every shape')
      expect(ids(reader)).toEqual(ids(writer))
    }
  })
})
