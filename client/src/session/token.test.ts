import { describe, expect, it } from 'vitest'
import {
  forgetSessionToken,
  readHashToken,
  sessionLinkUrl,
  sessionTokenKey,
  type TokenEnvironment,
  takeSessionToken,
} from './token'

function fakeEnvironment(
  hash: string,
  stored: Record<string, string> = {},
  legacyStored: Record<string, string> = {},
) {
  const storage = new Map(Object.entries(stored))
  const legacy = new Map(Object.entries(legacyStored))
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
    legacy: { getItem: (key) => legacy.get(key) ?? null },
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

  it('finds a token kept by a tab of an earlier version and keeps it on the device', () => {
    const { env, storage } = fakeEnvironment('', {}, { [sessionTokenKey('abcdefghijkl')]: 'older' })
    expect(takeSessionToken('abcdefghijkl', env)).toBe('older')
    expect(storage.get(sessionTokenKey('abcdefghijkl'))).toBe('older')
  })

  it('still returns the fragment when storage refuses to keep it', () => {
    const { env } = fakeEnvironment('#token=secret-1')
    env.storage.setItem = () => {
      throw new Error('QuotaExceededError')
    }
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

describe('forgetSessionToken', () => {
  it("removes only this session's token, from every storage", () => {
    const a = new Map([
      [sessionTokenKey('abcdefghijkl'), 'x'],
      [sessionTokenKey('other-session'), 'y'],
    ])
    const b = new Map([[sessionTokenKey('abcdefghijkl'), 'x']])
    const storages = [a, b].map((map) => ({ removeItem: (key: string) => void map.delete(key) }))
    forgetSessionToken('abcdefghijkl', storages)
    expect([...a.keys()]).toEqual([sessionTokenKey('other-session')])
    expect(b.size).toBe(0)
  })
})

describe('sessionLinkUrl', () => {
  it('puts the token in the fragment, as created links do', () => {
    expect(sessionLinkUrl('http://x:8080', 'abcdefghijkl', 't')).toBe('http://x:8080/s/abcdefghijkl#token=t')
  })
})
