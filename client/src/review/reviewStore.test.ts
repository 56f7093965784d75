import { describe, expect, it } from 'vitest'
import { createReviewStore } from './reviewStore'

describe('review store', () => {
  it('starts at the end, showing the finished board', () => {
    expect(createReviewStore(60_000).getState().t).toBe(60_000)
    expect(createReviewStore(60_000, 5).getState().t).toBe(5)
  })

  it('clamps seeks to the recording', () => {
    const store = createReviewStore(1000)
    store.getState().seek(-50)
    expect(store.getState().t).toBe(0)
    store.getState().seek(5000)
    expect(store.getState().t).toBe(1000)
    store.getState().seek(Number.NaN)
    expect(store.getState().t).toBe(0)
  })

  it('plays from the start when at the end, at the chosen speed, and stops at the end', () => {
    const store = createReviewStore(10_000)
    store.getState().setSpeed(4)
    store.getState().play()
    expect(store.getState()).toMatchObject({ playing: true, t: 0 })
    store.getState().tick(1000)
    expect(store.getState().t).toBe(4000)
    store.getState().tick(1000)
    store.getState().tick(1000)
    expect(store.getState()).toMatchObject({ playing: false, t: 10_000 })
  })

  it('does not move while paused', () => {
    const store = createReviewStore(10_000, 100)
    store.getState().tick(1000)
    expect(store.getState().t).toBe(100)
    store.getState().play()
    store.getState().pause()
    store.getState().tick(1000)
    expect(store.getState().t).toBe(100)
  })

  it('jumps to a note, pausing, and asks for a zoom that a seek drops', () => {
    const store = createReviewStore(10_000, 0)
    store.getState().play()
    store.getState().jumpToNote({ id: 'n1', at: 2500, shapeIds: ['shape:a'] })
    const { playing, t, focus } = store.getState()
    expect({ playing, t }).toEqual({ playing: false, t: 2500 })
    expect(focus).toMatchObject({ noteId: 'n1', at: 2500, shapeIds: ['shape:a'] })
    store.getState().jumpToNote({ id: 'n1', at: 2500, shapeIds: ['shape:a'] })
    expect(store.getState().focus?.seq).not.toBe(focus?.seq)
    store.getState().seek(3000)
    expect(store.getState().focus).toBeNull()
  })

  it('cannot play an empty recording', () => {
    const store = createReviewStore(0)
    store.getState().play()
    expect(store.getState().playing).toBe(false)
  })
})
