import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../support/poll'
import { note } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
let session: TestSession
const clients: SyncClient[] = []

beforeAll(async () => {
  server = await startTestServer()
  session = await newSession(server.url)
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

/** Connects to the panel as one of the two interviewers (Ivy, Ian) or the reviewer. */
function panelAs(who: 'Ivy' | 'Ian' | 'reviewer'): SyncClient {
  const link = session.created.links.find((l) =>
    who === 'reviewer' ? l.role === 'reviewer' : l.name === who,
  )
  const c = connectClient(server.wsUrl, session, { doc: 'panel', token: link?.token })
  clients.push(c)
  return c
}

describe('the panel holds valid notes in their author’s name', () => {
  it('R24 notes of two interviewers converge; each edits and deletes their own', async () => {
    const ivy = panelAs('Ivy')
    const ian = panelAs('Ian')
    await Promise.all([ivy.synced, ian.synced])
    const notes = (c: SyncClient) => c.doc.getMap('notes')
    notes(ivy).set('n-ivy', note('n-ivy', 'Ivy'))
    notes(ian).set('n-ian', note('n-ian', 'Ian', { signal: '-', dimension: 'failure-modes' }))
    await waitFor(() => notes(ivy).size === 2 && notes(ian).size === 2, 'both see both notes')
    notes(ivy).set('n-ivy', note('n-ivy', 'Ivy', { text: 'edited' }))
    notes(ian).delete('n-ian')
    await waitFor(
      () => (notes(ian).get('n-ivy') as { text: string }).text === 'edited' && !notes(ivy).has('n-ian'),
      'edit and delete arrive',
    )
    expect(ivy.closeCodes).toEqual([])
    expect(ian.closeCodes).toEqual([])
  })

  it.each([
    [
      'a note in another interviewer’s name',
      (c: SyncClient) => c.doc.getMap('notes').set('x1', note('x1', 'Ian')),
    ],
    [
      'a note breaking the schema',
      (c: SyncClient) => c.doc.getMap('notes').set('x2', note('x2', 'Ivy', { signal: '!' })),
    ],
    ['a note under another id', (c: SyncClient) => c.doc.getMap('notes').set('x3', note('other', 'Ivy'))],
    ['a write outside the notes map', (c: SyncClient) => c.doc.getMap('scores').set('x4', { score: 4 })],
  ])('R24 refuses %s (4400)', async (_name, forge) => {
    const ivy = panelAs('Ivy')
    await ivy.synced
    forge(ivy)
    await waitFor(() => ivy.closeCodes.includes(4400), 'closed with 4400')
  })

  it('R24 an interviewer cannot edit or delete another’s note', async () => {
    const ian = panelAs('Ian')
    await ian.synced
    ian.doc.getMap('notes').set('ian-own', note('ian-own', 'Ian'))
    const ivy = panelAs('Ivy')
    await waitFor(() => ivy.doc.getMap('notes').has('ian-own'), 'Ivy sees Ian’s note')
    ivy.doc.getMap('notes').delete('ian-own')
    await waitFor(() => ivy.closeCodes.includes(4400), 'a delete of another’s note is refused')
    const ivy2 = panelAs('Ivy')
    await waitFor(() => ivy2.doc.getMap('notes').has('ian-own'), 'Ian’s note is still there')
    ivy2.doc.getMap('notes').set('ian-own', note('ian-own', 'Ivy'))
    await waitFor(() => ivy2.closeCodes.includes(4400), 'an overwrite of another’s note is refused')
  })

  it('R24 the reviewer reads notes and its writes are dropped', async () => {
    const reviewer = panelAs('reviewer')
    await reviewer.synced
    await waitFor(() => reviewer.doc.getMap('notes').size > 0, 'reviewer reads notes')
    reviewer.doc.getMap('notes').set('rev', note('rev', 'Reviewer'))
    const ivy = panelAs('Ivy')
    await ivy.synced
    ivy.doc.getMap('notes').set('marker', note('marker', 'Ivy'))
    const check = panelAs('Ian')
    await waitFor(() => check.doc.getMap('notes').has('marker'), 'marker arrives')
    expect(check.doc.getMap('notes').has('rev')).toBe(false)
    expect(reviewer.closeCodes).toEqual([])
  })
})
