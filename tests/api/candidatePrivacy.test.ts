import { MessageType, type Prompt } from '@tradeoff/shared'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { waitFor } from '../support/poll'
import { openRawSocket } from '../support/rawSocket'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server.close())

async function control(sessionId: string, token: string, action: string) {
  const response = await fetch(`${server.url}/api/sessions/${sessionId}/control`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
  })
  expect(response.status).toBe(200)
}

describe('the candidate receives nothing of the interviewer guide', () => {
  it('P1 every HTTP body and websocket frame a candidate gets during a round holds no guide text and no unrevealed hint', async () => {
    const session = await newSession(server.url)
    const prompt = (await (await fetch(`${server.url}/api/prompts/messaging-app`)).json()) as Prompt
    const candidateToken = session.token('candidate')
    const interviewerToken = session.token('interviewer')
    const received: string[] = []
    const decoder = new TextDecoder()

    // The candidate's board socket, asking for the whole document and then listening.
    const socket = await openRawSocket(`${server.wsUrl}/sync/${session.id}/board?token=${candidateToken}`)
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, MessageType.sync)
    syncProtocol.writeSyncStep1(step1, new Y.Doc())
    socket.ws.send(encoding.toUint8Array(step1))
    const candidateView = async () => {
      const response = await fetch(`${server.url}/api/sessions/${session.id}`, {
        headers: { authorization: `Bearer ${candidateToken}` },
      })
      received.push(await response.text())
    }
    await candidateView()

    await control(session.id, interviewerToken, 'start')
    await control(session.id, interviewerToken, 'revealHint')
    await control(session.id, interviewerToken, 'nextPhase')
    await candidateView()
    const firstHint = prompt.hints[0] ?? ''
    await waitFor(
      () => socket.received.some((frame) => decoder.decode(frame).includes(firstHint)),
      'the revealed hint reached the candidate over the board',
    )
    received.push(...socket.received.map((frame) => decoder.decode(frame)))
    const everything = received.join('\n')

    expect(everything).toContain(firstHint)
    expect(everything).toContain(prompt.brief.slice(0, 60))
    const secret = [
      ...prompt.hints.slice(1),
      ...prompt.followUps.map((f) => f.question),
      ...prompt.phases.map((p) => p.goal),
      prompt.levelExpectations.mid,
      prompt.levelExpectations.senior,
      prompt.levelExpectations.staff,
      prompt.summary,
      'messaging-app',
      interviewerToken,
    ]
    for (const text of secret) expect(everything, text).not.toContain(text)
    socket.ws.close()
  })
})
