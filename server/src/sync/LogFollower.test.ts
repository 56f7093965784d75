import { describe, expect, it } from 'vitest'
import type { LoggedUpdate } from '../store/Store'
import { LogFollower } from './LogFollower'

function follower(stored: LoggedUpdate[] = []) {
  const applied: number[] = []
  const reads: number[] = []
  const log = new LogFollower({
    apply: (update) => applied.push(update[0] ?? -1),
    readFrom: async (fromSeq) => {
      reads.push(fromSeq)
      return stored.filter((row) => row.seq >= fromSeq)
    },
    onReadFailure: () => {},
  })
  return { log, applied, reads }
}

const update = (seq: number) => new Uint8Array([seq])
const row = (seq: number): LoggedUpdate => ({ seq, at: 0, author: 'x', update: update(seq) })

describe('following a log several processes append to', () => {
  it('applies other processes’ updates in log order, skipping duplicates and what it stored itself', () => {
    const { log, applied } = follower()
    log.loaded(2)
    log.accept(4, update(4))
    expect(applied).toEqual([])
    log.stored(3) // this process's own, already in the document
    expect(applied).toEqual([4])
    log.accept(4, update(4))
    log.accept(2, update(2))
    log.accept(5, update(5))
    expect(applied).toEqual([4, 5])
    expect(log.through).toBe(5)
  })

  it('reads a gap that does not close from the store, and everything after its place when asked', async () => {
    const stored = [row(1), row(2), row(3)]
    const { log, applied, reads } = follower(stored)
    log.accept(3, update(3))
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect(reads).toEqual([1])
    expect(applied).toEqual([1, 2, 3])
    stored.push(row(4)) // stored elsewhere, its message lost
    log.readMissed()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(reads).toEqual([1, 4])
    expect(applied).toEqual([1, 2, 3, 4])
    expect(log.through).toBe(4)
    log.stop()
  })
})
