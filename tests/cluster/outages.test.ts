import { CloseCodes } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { type Balancer, startBalancer } from '../support/balancer'
import { TEST_REDIS_URL, useCluster } from '../support/cluster'
import { waitFor } from '../support/poll'
import { page, rectangle } from '../support/records'
import { startTestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

// PostgreSQL or Redis out of reach for a while, cut by closing a TCP proxy in front of it
// (SPEC.md, R50-R51).
const cluster = useCluster()

/** A proxy to `serviceUrl`'s host and port, and the same URL through it. */
async function proxyTo(serviceUrl: string): Promise<{ proxy: Balancer; url: string }> {
  const target = new URL(serviceUrl)
  const proxy = await startBalancer([`http://${target.hostname}:${target.port}`])
  const url = new URL(serviceUrl)
  url.port = new URL(proxy.url).port
  return { proxy, url: url.toString() }
}

function connect(url: string, session: TestSession): SyncClient {
  const client = connectClient(url, session)
  cluster.clients.push(client)
  return client
}

function addShape(client: SyncClient, name: string): void {
  client.doc.transact(() => {
    if (!client.records.has('page:page')) client.records.set('page:page', page())
    client.records.set(`shape:${name}`, rectangle(name))
  })
}

function shapes(client: SyncClient): string[] {
  return [...client.records.keys()].filter((id) => id.startsWith('shape:')).sort()
}

describe('services out of reach', () => {
  it('R50 with PostgreSQL out of reach, requests get 503 and sync writes are refused without loss; service resumes when it is back', async () => {
    const database = new URL(cluster.env().DATABASE_URL as string)
    const { proxy, url } = await proxyTo(database.toString())
    const port = Number(new URL(proxy.url).port)
    const server = await startTestServer({ env: { DATABASE_URL: url } })
    let reopened: Balancer | null = null
    try {
      const session = await newSession(server.url)
      const writer = connectClient(server.wsUrl, session)
      cluster.clients.push(writer)
      await writer.synced
      addShape(writer, 'before')
      await server.registry.flushSession(session.id)

      await proxy.close()
      const view = await fetch(`${server.url}/api/sessions/${session.id}`, {
        headers: { authorization: `Bearer ${session.token('interviewer')}` },
      })
      expect(view.status).toBe(503)
      expect(((await view.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable')
      // The write cannot be stored: nobody receives it, the writer is told to come back later.
      addShape(writer, 'during')
      await waitFor(
        () =>
          writer.closeCodes.some(
            (code) => code === CloseCodes.storageFailure.code || code === CloseCodes.storageUnavailable.code,
          ),
        'the writer closed with 1011 or 1013',
        10_000,
      )

      // A tab joining now is told to come back shortly (1013), never that the session is gone.
      const joiner = connectClient(server.wsUrl, session)
      cluster.clients.push(joiner)
      await waitFor(() => joiner.closeCodes.length > 0, 'the joiner refused')
      expect(joiner.closeCodes[0]).toBe(CloseCodes.storageUnavailable.code)

      reopened = await startBalancer([`http://${database.hostname}:${database.port || 5432}`], port)
      await waitFor(
        async () =>
          (
            await fetch(`${server.url}/api/sessions/${session.id}`, {
              headers: { authorization: `Bearer ${session.token('interviewer')}` },
            })
          ).status === 200,
        'requests answered again',
        15_000,
      )
      // The writer reconnects by itself and sends what it kept; a new reader gets both shapes.
      const reader = connectClient(server.wsUrl, session)
      cluster.clients.push(reader)
      await waitFor(() => shapes(reader).length === 2, 'the reader sees both shapes', 15_000)
      expect(shapes(reader)).toEqual(['shape:before', 'shape:during'])
      await waitFor(() => joiner.provider.synced, 'the joiner of the outage synced after it')
      expect(joiner.closeCodes).not.toContain(CloseCodes.notFound.code)
    } finally {
      await server.close()
      await reopened?.close()
    }
  })

  it('R51 with Redis out of reach, each process serves its own sockets; once it is back, every process catches up from the store', async () => {
    const { proxy, url } = await proxyTo(TEST_REDIS_URL)
    const port = Number(new URL(proxy.url).port)
    const env = { REDIS_URL: url }
    const [a, b] = [await cluster.spawn(env), await cluster.spawn(env)]
    let reopened: Balancer | null = null
    try {
      const session = await newSession(a.url)
      const onA = connect(a.wsUrl, session)
      const alsoOnA = connect(a.wsUrl, session)
      const onB = connect(b.wsUrl, session)
      await Promise.all([onA.synced, alsoOnA.synced, onB.synced])
      addShape(onA, 'first')
      await waitFor(() => shapes(onB).length === 1, 'B sees the first shape')

      await proxy.close()
      addShape(onA, 'whileCutA')
      addShape(onB, 'whileCutB')
      // Still served within each process.
      await waitFor(() => shapes(alsoOnA).includes('shape:whileCutA'), 'A relays to its own sockets')

      // Requests are still answered (counted by each process alone), without waiting for Redis.
      const startedAt = Date.now()
      expect((await fetch(`${b.url}/api/prompts`)).status).toBe(200)
      expect(Date.now() - startedAt).toBeLessThan(500)
      // A room this process does not hold cannot be shared yet: its joiner is told to retry (1013).
      const other = await newSession(a.url)
      const joiner = connect(b.wsUrl, other)
      await waitFor(() => joiner.closeCodes.length > 0, 'the joiner refused')
      expect(joiner.closeCodes[0]).toBe(CloseCodes.storageUnavailable.code)

      reopened = await startBalancer([TEST_REDIS_URL.replace(/^redis/, 'http')], port)
      const all = ['shape:first', 'shape:whileCutA', 'shape:whileCutB']
      for (const client of [onA, alsoOnA, onB]) {
        await waitFor(() => shapes(client).join() === all.join(), 'every client has every shape', 20_000)
      }
      await waitFor(() => joiner.provider.synced, 'the joiner of the outage synced after it', 10_000)
      // Fan-out works again for what comes next.
      addShape(onB, 'after')
      await waitFor(() => shapes(onA).includes('shape:after'), 'A sees what B stored after the outage')
    } finally {
      await reopened?.close()
    }
  })
})
