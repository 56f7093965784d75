import type { ExportFile } from '@tradeoff/shared'
import { waitFor } from './poll'
import { note, page, rectangle } from './records'
import type { TestServer } from './server'
import type { TestSession } from './sessions'
import { connectClient, type SyncClient } from './syncClient'

/** The token of a participant of the default test session (Ivy, Ian, Cam and a reviewer). */
export function tokenOf(session: TestSession, who: 'Ivy' | 'Ian' | 'candidate' | 'reviewer'): string {
  const link = session.created.links.find((l) =>
    who === 'Ivy' || who === 'Ian' ? l.name === who : l.role === who,
  )
  return link?.token ?? ''
}

/** Calls the HTTP API with a bearer token. */
export async function api(
  base: TestServer,
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
) {
  const response = await fetch(`${base.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  return { status: response.status, text, json: () => JSON.parse(text) }
}

/** The whole session as an export file, as its interviewer Ivy downloads it. */
export async function exportOf(base: TestServer, session: TestSession): Promise<ExportFile> {
  return (await api(base, `/api/sessions/${session.id}/export`, tokenOf(session, 'Ivy'))).json() as ExportFile
}

/** Imports an export file into `base`: the new session, with its reviewer's token. Throws unless 201. */
export async function importInto(base: TestServer, file: ExportFile) {
  const response = await fetch(`${base.url}/api/sessions/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(file),
  })
  if (response.status !== 201) throw new Error(`import answered ${response.status}: ${await response.text()}`)
  const created = (await response.json()) as TestSession['created']
  return { ...created, reviewerToken: created.links.find((l) => l.role === 'reviewer')?.token ?? '' }
}

/** A scripted round: returns the moments (ms since creation) and the board a client held at each. */
export async function scriptedRound(base: TestServer, session: TestSession, clients: SyncClient[]) {
  const createdAt = (await api(base, `/api/sessions/${session.id}`, tokenOf(session, 'Ivy'))).json()
    .createdAt as number
  const interviewer = connectClient(base.wsUrl, session, { token: tokenOf(session, 'Ivy') })
  const candidate = connectClient(base.wsUrl, session, { role: 'candidate' })
  const panel = connectClient(base.wsUrl, session, { doc: 'panel', token: tokenOf(session, 'Ivy') })
  clients.push(interviewer, candidate, panel)
  await Promise.all([interviewer.synced, candidate.synced, panel.synced])
  const control = (action: string) =>
    api(base, `/api/sessions/${session.id}/control`, tokenOf(session, 'Ivy'), {
      method: 'POST',
      body: { action },
    })
  await control('start')

  const moments: Array<{ at: number; records: Record<string, unknown> }> = []
  const capture = async () => {
    await waitFor(
      () => JSON.stringify(candidate.records.toJSON()) === JSON.stringify(interviewer.records.toJSON()),
      'the candidate holds what the interviewer drew',
    )
    const at = Date.now() - createdAt
    moments.push({ at, records: candidate.records.toJSON() })
    // The server stamps updates in whole milliseconds: the next edit must fall after this moment.
    await waitFor(() => Date.now() - createdAt > at, 'the clock moves past the captured moment')
  }
  interviewer.records.set('page:page', page())
  for (let i = 0; i < 12; i++) interviewer.records.set(`shape:s${i}`, rectangle(`s${i}`, i * 50))
  await capture()
  candidate.records.set('shape:db', rectangle('db', 0, 300, 'Postgres'))
  for (let i = 0; i < 12; i += 3) candidate.records.set(`shape:s${i}`, rectangle(`s${i}`, i * 50, 120))
  await capture()
  panel.doc
    .getMap('notes')
    .set('n1', note('n1', 'Ivy', { at: Date.now() - createdAt, shapeIds: ['shape:db'], text: 'single DB' }))
  await control('revealHint')
  await control('nextPhase')
  for (let i = 0; i < 6; i++) interviewer.records.delete(`shape:s${i}`)
  await capture()
  return { moments, createdAt }
}
