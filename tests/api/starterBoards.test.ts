import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { api } from '../support/scriptedRound'
import { ROOT, startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer | undefined
const clients: SyncClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

/** The records of a starter file in prompts/, by id. */
function starterRecords(file: string): Map<string, unknown> {
  const { records } = JSON.parse(readFileSync(join(ROOT, 'prompts', file), 'utf8')) as {
    records: Array<{ id: string }>
  }
  return new Map(records.map((record) => [record.id, record]))
}

describe('starter boards', () => {
  it.each([
    ['url-shortener-feed', 'url-shortener-feed.board.json'],
    ['photo-sharing-bottleneck', 'photo-sharing-bottleneck.board.json'],
  ])(
    'H12 a session created from %s holds its starter board from the start, for the API and for sync',
    async (promptId, file) => {
      server = await startTestServer()
      const expected = starterRecords(file)
      const session = await newSession(server.url, { promptId, interviewers: ['Ivy'], candidate: 'Cam' })

      const board = await api(server, `/api/sessions/${session.id}/board`, session.token('interviewer'))
      expect(board.status).toBe(200)
      const records = board.json().records as Record<string, unknown>
      expect(new Map(Object.entries(records))).toEqual(expected)

      // The candidate's client, the first to connect, finds the diagram there instead of seeding a board.
      const candidate = connectClient(server.wsUrl, session, { role: 'candidate' })
      clients.push(candidate)
      await candidate.synced
      expect(new Map(candidate.records.entries())).toEqual(expected)

      // The recording holds the starter as the server's first update.
      const exported = await api(server, `/api/sessions/${session.id}/export`, session.token('interviewer'))
      const updates = exported.json().docs.board as Array<{ author: string }>
      expect(updates.length).toBeGreaterThan(0)
      expect(updates.every((update) => update.author === 'server')).toBe(true)
    },
  )

  it('H12 a session from a prompt without a starter starts with an empty board', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const board = await api(server, `/api/sessions/${session.id}/board`, session.token('interviewer'))
    expect(board.json().records).toEqual({})
  })
})
