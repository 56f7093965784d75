import { describe, expect, it } from 'vitest'
import { createLatestOnlyLoader } from './latestOnly'

/** A load that resolves or rejects when the test says so. */
function manualLoads() {
  const calls: Array<{ at: number; resolve: (value: string) => void; reject: (error: Error) => void }> = []
  const load = (at: number) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ at, resolve, reject })
    })
  return { calls, load }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createLatestOnlyLoader', () => {
  it('has at most one request in flight and then loads only the newest position', async () => {
    const { calls, load } = manualLoads()
    const applied: number[] = []
    const loader = createLatestOnlyLoader({ load, apply: (at) => applied.push(at) })
    loader.request(100)
    loader.request(200)
    loader.request(300)
    loader.request(400)
    expect(calls.map((c) => c.at)).toEqual([100])
    expect(loader.busy()).toBe(true)
    calls[0]?.resolve('a')
    await settle()
    expect(applied).toEqual([100])
    // 200 and 300 went stale while 100 was in flight: never requested.
    expect(calls.map((c) => c.at)).toEqual([100, 400])
    calls[1]?.resolve('b')
    await settle()
    expect(applied).toEqual([100, 400])
    expect(loader.appliedAt()).toBe(400)
    expect(loader.busy()).toBe(false)
  })

  it('asks for nothing more when the position came back to the one in flight', async () => {
    const { calls, load } = manualLoads()
    const loader = createLatestOnlyLoader({ load, apply: () => {} })
    loader.request(100)
    loader.request(250)
    loader.request(100)
    calls[0]?.resolve('a')
    await settle()
    expect(calls.map((c) => c.at)).toEqual([100])
  })

  it('does not load again what is already shown', async () => {
    const { calls, load } = manualLoads()
    const loader = createLatestOnlyLoader({ load, apply: () => {} })
    loader.markApplied(500)
    loader.request(500)
    expect(calls).toHaveLength(0)
    loader.request(600)
    expect(calls.map((c) => c.at)).toEqual([600])
  })

  it('reports a failure and retries only when asked again', async () => {
    const { calls, load } = manualLoads()
    const errors: number[] = []
    const loader = createLatestOnlyLoader({ load, apply: () => {}, onError: (at) => errors.push(at) })
    loader.request(100)
    calls[0]?.reject(new Error('offline'))
    await settle()
    expect(errors).toEqual([100])
    expect(calls).toHaveLength(1)
    loader.request(100)
    expect(calls.map((c) => c.at)).toEqual([100, 100])
  })

  it('applies nothing after it is disposed', async () => {
    const { calls, load } = manualLoads()
    const applied: number[] = []
    let aborted = false
    const loader = createLatestOnlyLoader({
      load: (at, signal) => {
        signal.addEventListener('abort', () => {
          aborted = true
        })
        return load(at)
      },
      apply: (at) => applied.push(at),
    })
    loader.request(100)
    loader.request(200)
    loader.dispose()
    expect(aborted).toBe(true)
    calls[0]?.resolve('a')
    await settle()
    expect(applied).toEqual([])
    expect(calls).toHaveLength(1)
  })
})
