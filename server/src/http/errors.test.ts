import { describe, expect, it } from 'vitest'
import { ClusterUnavailable } from '../cluster/Cluster'
import { SessionGone } from '../store/Store'
import { storeErrorAnswer } from './errors'

function withCode(name: string, code: string, message = 'failed'): Error & { code: string } {
  return Object.assign(new Error(message), { name, code })
}

describe('store errors as HTTP answers', () => {
  it('a database or Redis out of reach is a 503: PostgreSQL connection faults, shutdown, too many clients, refused sockets', () => {
    for (const error of [
      withCode('error', '08006'),
      withCode('error', '57P01'),
      withCode('error', '53300'),
      withCode('Error', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      withCode('SqliteError', 'SQLITE_FULL'),
      new ClusterUnavailable(new Error('Stream isn’t writeable')),
    ]) {
      expect(storeErrorAnswer(error)?.status, `${error.name} ${(error as { code?: string }).code}`).toBe(503)
    }
  })

  it('a session deleted while the request ran is a 404, on either store', () => {
    expect(storeErrorAnswer(withCode('error', '23503'))?.status).toBe(404)
    expect(storeErrorAnswer(withCode('SqliteError', 'SQLITE_CONSTRAINT_FOREIGNKEY'))?.status).toBe(404)
    expect(storeErrorAnswer(new SessionGone('x'))?.status).toBe(404)
  })

  it('anything else is not a store fault (a 500, logged, by the handler)', () => {
    expect(storeErrorAnswer(withCode('error', '42P01'))).toBeNull()
    expect(storeErrorAnswer(new TypeError('x is undefined'))).toBeNull()
  })
})
