import type { CreatedSession } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import {
  forgetSession,
  loadMySessions,
  MAX_MY_SESSIONS,
  MY_SESSIONS_KEY,
  rememberSession,
} from './mySessions'

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

function created(id: string): CreatedSession {
  return {
    id,
    links: [
      { role: 'interviewer', name: 'Ada', token: 't1', url: `http://host/s/${id}#token=t1` },
      { role: 'candidate', name: 'Sam', token: 't2', url: `http://host/s/${id}#token=t2` },
    ],
  }
}

describe('my sessions', () => {
  it('remembers sessions newest first', () => {
    const storage = memoryStorage()
    rememberSession(storage, created('session-aaaa'), { title: 'A', promptTitle: 'P', createdAt: 1 })
    rememberSession(storage, created('session-bbbb'), { title: 'B', promptTitle: 'P', createdAt: 2 })
    expect(loadMySessions(storage).map((s) => s.id)).toEqual(['session-bbbb', 'session-aaaa'])
    expect(loadMySessions(storage)[0]?.links[0]?.name).toBe('Ada')
  })

  it('forgets one session', () => {
    const storage = memoryStorage()
    rememberSession(storage, created('session-aaaa'), { title: 'A', promptTitle: 'P', createdAt: 1 })
    rememberSession(storage, created('session-bbbb'), { title: 'B', promptTitle: 'P', createdAt: 2 })
    expect(forgetSession(storage, 'session-aaaa').map((s) => s.id)).toEqual(['session-bbbb'])
    expect(loadMySessions(storage)).toHaveLength(1)
  })

  it('keeps a bounded number', () => {
    const storage = memoryStorage()
    for (let i = 0; i < MAX_MY_SESSIONS + 5; i++) {
      rememberSession(storage, created(`session-${i}`), { title: 'T', promptTitle: 'P', createdAt: i })
    }
    expect(loadMySessions(storage)).toHaveLength(MAX_MY_SESSIONS)
    expect(loadMySessions(storage)[0]?.id).toBe(`session-${MAX_MY_SESSIONS + 4}`)
  })

  it('survives damaged storage', () => {
    expect(loadMySessions(memoryStorage({ [MY_SESSIONS_KEY]: '{not json' }))).toEqual([])
    expect(loadMySessions(memoryStorage({ [MY_SESSIONS_KEY]: '{"a":1}' }))).toEqual([])
    const mixed = JSON.stringify([
      { id: 'x' },
      { id: 'ok', title: 'T', promptTitle: 'P', createdAt: 1, links: [] },
    ])
    expect(loadMySessions(memoryStorage({ [MY_SESSIONS_KEY]: mixed })).map((s) => s.id)).toEqual(['ok'])
  })
})
