import type { SessionView } from '@tradeoff/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

function client(session: TestSession, options: Parameters<typeof connectClient>[2] = {}): SyncClient {
  const c = connectClient(server.wsUrl, session, options)
  clients.push(c)
  return c
}

async function control(session: TestSession, action: string): Promise<{ status: number; view: SessionView }> {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/control`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token('interviewer')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
  })
  return { status: response.status, view: (await response.json()) as SessionView }
}

describe('the end of a round', () => {
  it('R41 ending stops the clock, freezes the state and makes the board final; notes stay writable', async () => {
    server = await startTestServer()
    const session = await newSession(server.url)
    const candidate = client(session, { role: 'candidate' })
    const interviewer = client(session)
    const notes = client(session, { doc: 'panel' })
    await Promise.all([candidate.synced, interviewer.synced, notes.synced])
    candidate.records.set('page:page', page())
    candidate.records.set('shape:before', rectangle('before'))
    await waitFor(() => interviewer.records.has('shape:before'), 'the drawing arrives')

    expect((await control(session, 'start')).status).toBe(200)
    const ended = await control(session, 'end')
    expect(ended.status).toBe(200)
    expect(ended.view.state.endedAt).toBeGreaterThan(0)
    expect(ended.view.state.running).toBe(false)
    await waitFor(
      () => (candidate.doc.getMap('session').get('state') as { endedAt?: number } | undefined)?.endedAt,
      'the candidate’s board hears the end',
    )
    // Nothing changes the state after the end.
    expect((await control(session, 'start')).view.state).toEqual(ended.view.state)

    candidate.records.set('shape:after-end', rectangle('after-end'))
    interviewer.records.set('shape:interviewer-after-end', rectangle('interviewer-after-end'))
    notes.doc.getMap('notes').set('note-1', {
      id: 'note-1',
      at: 1000,
      author: 'Ivy',
      dimension: 'scalability',
      signal: '+',
      text: 'written after the end',
      shapeIds: [],
    })
    const reader = client(session, { role: 'reviewer' })
    const notesReader = client(session, { doc: 'panel', role: 'reviewer' })
    await Promise.all([reader.synced, notesReader.synced])
    await waitFor(() => notesReader.doc.getMap('notes').has('note-1'), 'a note written after the end is kept')
    expect(reader.records.has('shape:before')).toBe(true)
    expect(reader.records.has('shape:after-end')).toBe(false)
    expect(reader.records.has('shape:interviewer-after-end')).toBe(false)
    expect(candidate.closeCodes).toEqual([])

    const report = await fetch(`${server.url}/api/sessions/${session.id}/report?format=json`, {
      headers: { authorization: `Bearer ${session.token('reviewer')}` },
    })
    const events = ((await report.json()) as { events: Array<{ kind: string }> }).events
    expect(events.map((e) => e.kind)).toContain('end')

    // A board loaded afresh after the end is final too.
    await server.close()
    server = await startTestServer({ dataDir: server.dataDir })
    const late = client(session, { role: 'candidate' })
    await late.synced
    late.records.set('shape:after-restart', rectangle('after-restart'))
    const check = client(session, { role: 'reviewer' })
    await check.synced
    await waitFor(() => check.records.has('shape:before'), 'the board is there')
    expect(check.records.has('shape:after-restart')).toBe(false)
  })
})
