import { describe, expect, it } from 'vitest'
import { readHashToken, sessionTokenKey, type TokenEnvironment, takeSessionToken } from './token'

function fakeEnvironment(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored))
  const location = { hash, pathname: '/s/abcdefghijkl', search: '' }
  const replaced: string[] = []
  const env: TokenEnvironment = {
    location,
    history: {
      state: null,
      replaceState: (_state, _unused, url) => {
        replaced.push(String(url))
        location.hash = ''
      },
    },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => storage.set(key, value),
    },
  }
  return { env, storage, location, replaced }
}

describe('takeSessionToken', () => {
  it('moves the token from the fragment to storage and clears the address bar', () => {
    const { env, storage, location, replaced } = fakeEnvironment('#token=secret-1')
    expect(takeSessionToken('abcdefghijkl', env)).toBe('secret-1')
    expect(storage.get(sessionTokenKey('abcdefghijkl'))).toBe('secret-1')
    expect(replaced).toEqual(['/s/abcdefghijkl'])
    expect(location.hash).toBe('')
  })

  it('returns the stored token on a later visit without a fragment', () => {
    const { env, replaced } = fakeEnvironment('', { [sessionTokenKey('abcdefghijkl')]: 'secret-1' })
    expect(takeSessionToken('abcdefghijkl', env)).toBe('secret-1')
    expect(replaced).toEqual([])
  })

  it('prefers a new fragment over the stored token', () => {
    const { env, storage } = fakeEnvironment('#token=fresh', { [sessionTokenKey('abcdefghijkl')]: 'old' })
    expect(takeSessionToken('abcdefghijkl', env)).toBe('fresh')
    expect(storage.get(sessionTokenKey('abcdefghijkl'))).toBe('fresh')
  })

  it('keeps tokens of different sessions apart', () => {
    const { env } = fakeEnvironment('', { [sessionTokenKey('other-session')]: 'x' })
    expect(takeSessionToken('abcdefghijkl', env)).toBeNull()
  })

  it('is idempotent, as React StrictMode calls it twice', () => {
    const { env } = fakeEnvironment('#token=secret-1')
    expect(takeSessionToken('abcdefghijkl', env)).toBe('secret-1')
    expect(takeSessionToken('abcdefghijkl', env)).toBe('secret-1')
  })

  it('clears an empty token fragment but returns null', () => {
    const { env, replaced } = fakeEnvironment('#token=')
    expect(takeSessionToken('abcdefghijkl', env)).toBeNull()
    expect(replaced).toHaveLength(1)
  })
})

describe('readHashToken', () => {
  it('reads the token among other parameters', () => {
    expect(readHashToken('#a=1&token=t%2Bx')).toBe('t+x')
  })

  it('is null without a token parameter', () => {
    expect(readHashToken('')).toBeNull()
    expect(readHashToken('#')).toBeNull()
    expect(readHashToken('#section-2')).toBeNull()
  })
})
