import type { Scorecard, ScorecardsView } from '@tradeoff/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server'
import { newSession, type TestSession } from '../support/sessions'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server.close())

type Who = 'Ivy' | 'Ian' | 'candidate' | 'reviewer'

function tokenOf(session: TestSession, who: Who): string {
  const link = session.created.links.find((l) =>
    who === 'candidate' || who === 'reviewer' ? l.role === who : l.name === who,
  )
  if (!link) throw new Error(`no link for ${who}`)
  return link.token
}

async function call(session: TestSession, who: Who, method: string, path = '', body?: unknown) {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/scorecards${path}`, {
    method,
    headers: { authorization: `Bearer ${tokenOf(session, who)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

const view = async (session: TestSession, who: Who) =>
  (await call(session, who, 'GET')).body as ScorecardsView
const card = (score: 1 | 2 | 3 | 4, summary: string) => ({
  scores: { caching: score, scalability: 3, 'failure-modes': null },
  overall: score,
  level: 'senior',
  summary,
})

describe('independent scorecards', () => {
  it.each([
    ['Ivy', 'Ian'],
    ['Ian', 'Ivy'],
  ] as const)(
    'S1 %s submits first, then %s: nobody sees another scorecard before submitting their own',
    async (first, second) => {
      const session = await newSession(server.url)
      expect((await call(session, first, 'PUT', '/mine', card(4, `${first} draft`))).status).toBe(200)
      expect((await call(session, second, 'PUT', '/mine', card(1, `${second} draft`))).status).toBe(200)
      for (const who of [first, second] as const) {
        const v = await view(session, who)
        expect(v.mine?.summary).toBe(`${who} draft`)
        expect(v).toMatchObject({ others: [], othersVisible: false, pending: ['Ivy', 'Ian'] })
      }
      expect((await view(session, 'reviewer')).others).toEqual([])

      expect((await call(session, first, 'POST', '', card(4, `${first} final`))).status).toBe(201)
      const afterFirst = await view(session, first)
      expect(afterFirst).toMatchObject({ othersVisible: true, others: [], pending: [second] })
      const secondStillBlind = await view(session, second)
      expect(secondStillBlind).toMatchObject({ othersVisible: false, others: [] })
      expect(JSON.stringify(secondStillBlind)).not.toContain(`${first} final`)
      expect((await view(session, 'reviewer')).others.map((c: Scorecard) => c.author)).toEqual([first])

      expect((await call(session, second, 'POST', '', card(1, `${second} final`))).status).toBe(201)
      expect((await view(session, first)).others.map((c: Scorecard) => c.summary)).toEqual([
        `${second} final`,
      ])
      expect((await view(session, second)).others.map((c: Scorecard) => c.summary)).toEqual([
        `${first} final`,
      ])
      const reviewer = await view(session, 'reviewer')
      expect(reviewer.others.map((c: Scorecard) => c.summary).sort()).toEqual(
        [`${first} final`, `${second} final`].sort(),
      )
      expect(reviewer.pending).toEqual([])
    },
  )

  it('S2 a submitted scorecard is final; the candidate sees none; bad bodies name the field', async () => {
    const session = await newSession(server.url)
    expect((await call(session, 'Ivy', 'POST', '', card(3, 'final'))).status).toBe(201)
    expect((await call(session, 'Ivy', 'POST', '', card(1, 'again'))).status).toBe(409)
    expect((await call(session, 'Ivy', 'PUT', '/mine', card(1, 'sneaky edit'))).status).toBe(409)
    expect((await view(session, 'Ivy')).mine?.summary).toBe('final')
    expect((await call(session, 'candidate', 'GET')).status).toBe(403)
    expect((await call(session, 'candidate', 'PUT', '/mine', card(4, 'x'))).status).toBe(403)
    expect((await call(session, 'reviewer', 'POST', '', card(4, 'x'))).status).toBe(403)
    const bad = await call(session, 'Ian', 'PUT', '/mine', { scores: { caching: 5 } })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('scores.caching')
    const unknownDimension = await call(session, 'Ian', 'PUT', '/mine', { scores: { vibes: 4 } })
    expect(unknownDimension.status).toBe(400)
  })
})
