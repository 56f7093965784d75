import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeBlob } from '../../server/src/store/blobCodec'
import { TEST_REDIS_URL } from '../support/cluster'
import { waitFor } from '../support/poll'
import { page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'
import { usePostgresServers } from '../support/testDatabase'

// Two servers sharing PostgreSQL and Redis, in this process so they can snapshot often (SPEC.md, R49).
const fixture = usePostgresServers()
const { servers, clients } = fixture
const prefix = `tradeoff-test-${randomBytes(4).toString('hex')}:`

async function sharedServer(): Promise<TestServer> {
  const server = await startTestServer({
    snapshotEvery: 4,
    env: { DATABASE_URL: fixture.databaseUrl(), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix },
  })
  servers.push(server)
  return server
}

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: fixture.databaseUrl() })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

function recordsOf(doc: Y.Doc): string {
  const records = doc.getMap('records').toJSON()
  return JSON.stringify(
    Object.keys(records)
      .sort()
      .map((id) => [id, records[id]]),
  )
}

describe('snapshots and history with several writers', () => {
  it('R49 every stored snapshot holds every update up to its sequence number, and the log replays to what clients see', async () => {
    const [a, b] = [await sharedServer(), await sharedServer()]
    const session = await newSession(a.url)
    const writers: SyncClient[] = [connectClient(a.wsUrl, session), connectClient(b.wsUrl, session)]
    clients.push(...writers)
    await Promise.all(writers.map((writer) => writer.synced))
    ;(writers[0] as SyncClient).records.set('page:page', page())

    // Both processes append to one log, interleaved; each snapshots every few of its own appends.
    for (let i = 0; i < 30; i++) {
      for (const [w, writer] of writers.entries()) {
        writer.records.set(`shape:w${w}i${i}`, rectangle(`w${w}i${i}`, i * 10, w * 100))
        if (i % 3 === 0) writer.records.delete(`shape:w${w}i${i - 1}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 3))
    }
    const [first, second] = writers as [SyncClient, SyncClient]
    await waitFor(() => recordsOf(first.doc) === recordsOf(second.doc), 'both writers converge', 10_000)
    await Promise.all([a.registry.flushSession(session.id), b.registry.flushSession(session.id)])

    const log = await query<{ seq: number; update_bytes: Buffer }>(
      "SELECT seq, update_bytes FROM doc_updates WHERE session_id = $1 AND doc = 'board' ORDER BY seq",
      [session.id],
    )
    expect(log.map((row) => Number(row.seq))).toEqual(log.map((_, index) => index + 1))
    const snapshots = await query<{ seq: number; state: Buffer }>(
      "SELECT seq, state FROM doc_snapshots WHERE session_id = $1 AND doc = 'board' ORDER BY seq",
      [session.id],
    )
    expect(snapshots.length).toBeGreaterThanOrEqual(2)
    for (const snapshot of snapshots) {
      const fromSnapshot = new Y.Doc()
      Y.applyUpdate(fromSnapshot, decodeBlob(snapshot.state))
      const before = recordsOf(fromSnapshot)
      const beforeVector = Y.encodeStateVector(fromSnapshot)
      // Applying the log up to the snapshot's number adds nothing: the snapshot held it all.
      for (const row of log.slice(0, Number(snapshot.seq)))
        Y.applyUpdate(fromSnapshot, decodeBlob(row.update_bytes))
      expect(recordsOf(fromSnapshot), `snapshot at ${snapshot.seq}`).toBe(before)
      expect(Y.encodeStateVector(fromSnapshot)).toEqual(beforeVector)
    }

    // The whole log replays to what both clients see, and so does the API's board.
    const replayed = new Y.Doc()
    for (const row of log) Y.applyUpdate(replayed, decodeBlob(row.update_bytes))
    expect(recordsOf(replayed)).toBe(recordsOf(first.doc))
    const board = await fetch(`${b.url}/api/sessions/${session.id}/board`, {
      headers: { authorization: `Bearer ${session.token('interviewer')}` },
    })
    const { records } = (await board.json()) as { records: Record<string, unknown> }
    expect(Object.keys(records).sort()).toEqual(Object.keys(first.doc.getMap('records').toJSON()).sort())

    // The board history computed (and stored) by either process is the same, and folds to that board.
    const history = async (server: TestServer) => {
      const response = await fetch(`${server.url}/api/sessions/${session.id}/board/history`, {
        headers: { authorization: `Bearer ${session.token('interviewer')}` },
      })
      expect(response.status).toBe(200)
      return response.text()
    }
    const fromA = await history(a)
    expect(await history(b)).toBe(fromA)
    const rows = await query<{ last_seq: string }>(
      'SELECT last_seq FROM board_history WHERE session_id = $1',
      [session.id],
    )
    expect(rows.map((row) => Number(row.last_seq))).toEqual([log.length])

    // A third server loading the room (snapshot plus the log after it) sees the same board.
    const c = await sharedServer()
    const reader = connectClient(c.wsUrl, session)
    clients.push(reader)
    await reader.synced
    expect(recordsOf(reader.doc)).toBe(recordsOf(first.doc))
  })
})
