import { describe, expect, it } from 'vitest'
import { createDraftSaver, type SaveState } from './draftSaver'

/** A saver on a hand-driven timer, with saves the test answers one by one. */
function harness() {
  const timers: Array<{ run: () => void; cleared: boolean }> = []
  const saves: Array<{ draft: string; resolve(): void; reject(error: unknown): void }> = []
  const states: SaveState[] = []
  const saver = createDraftSaver<string>({
    delayMs: 800,
    save: (draft) =>
      new Promise<void>((resolve, reject) => {
        saves.push({ draft, resolve, reject })
      }),
    onStatus: (status) => states.push(status.state),
    setTimer: (run) => {
      const timer = { run, cleared: false }
      timers.push(timer)
      return timer
    },
    clearTimer: (timer) => {
      ;(timer as { cleared: boolean }).cleared = true
    },
  })
  const fire = () => {
    for (const timer of timers.splice(0)) if (!timer.cleared) timer.run()
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  return { saver, saves, states, fire, settle }
}

describe('createDraftSaver', () => {
  it('saves the latest draft once typing pauses', async () => {
    const { saver, saves, states, fire, settle } = harness()
    saver.change('a')
    saver.change('ab')
    saver.change('abc')
    expect(saves).toHaveLength(0)
    expect(states.at(-1)).toBe('pending')
    fire()
    expect(saves.map((s) => s.draft)).toEqual(['abc'])
    expect(states.at(-1)).toBe('saving')
    saves[0]?.resolve()
    await settle()
    expect(states.at(-1)).toBe('saved')
  })

  it('keeps one save in flight and sends a newer draft after it', async () => {
    const { saver, saves, states, fire, settle } = harness()
    saver.change('one')
    fire()
    saver.change('two')
    expect(states.at(-1)).toBe('saving')
    fire()
    expect(saves.map((s) => s.draft)).toEqual(['one'])
    saves[0]?.resolve()
    await settle()
    expect(saves.map((s) => s.draft)).toEqual(['one', 'two'])
    saves[1]?.resolve()
    await settle()
    expect(states.at(-1)).toBe('saved')
  })

  it('reports a failed save and retries it on flush', async () => {
    const { saver, saves, states, fire, settle } = harness()
    saver.change('x')
    fire()
    saves[0]?.reject(new Error('offline'))
    await settle()
    expect(states.at(-1)).toBe('error')
    const flushed = saver.flush()
    expect(saves.map((s) => s.draft)).toEqual(['x', 'x'])
    saves[1]?.resolve()
    await flushed
    expect(states.at(-1)).toBe('saved')
  })

  it('flushes a pending draft at once', async () => {
    const { saver, saves } = harness()
    saver.change('now')
    const flushed = saver.flush()
    expect(saves.map((s) => s.draft)).toEqual(['now'])
    saves[0]?.resolve()
    await flushed
  })

  it('cancels what is unsaved and waits for the save in flight', async () => {
    const { saver, saves, fire, settle } = harness()
    saver.change('first')
    fire()
    saver.change('second')
    let done = false
    const cancelled = saver.cancel().then(() => {
      done = true
    })
    await settle()
    expect(done).toBe(false)
    saves[0]?.resolve()
    await cancelled
    fire()
    expect(saves.map((s) => s.draft)).toEqual(['first'])
  })
})
