import { useEffect } from 'react'
import { useStore } from 'zustand'
import type { ReviewStore } from './reviewStore'

/** Advances the review's time with requestAnimationFrame while it plays. */
export function usePlayback(store: ReviewStore): void {
  const playing = useStore(store, (s) => s.playing)
  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    const step = (now: number) => {
      // A tab in the background gets no frames: resume where it was rather than leap ahead.
      const elapsed = Math.min(now - last, 250)
      last = now
      store.getState().tick(elapsed)
      if (store.getState().playing) frame = requestAnimationFrame(step)
    }
    frame = requestAnimationFrame(step)
    return () => cancelAnimationFrame(frame)
  }, [playing, store])
}
