import { useEffect } from 'react'
import { getAppStore } from '../state/useAppStore'
import { isNoteShortcut } from './noteShortcut'

/** The id of the note box, which the shortcut focuses. */
export const NOTE_BOX_ID = 'note-box'

/**
 * Alt+N, from anywhere but another text field, opens the notes drawer and focuses the note box.
 * Listened to on the window in the capture phase, before tldraw sees the key; the focus moves
 * without a click on the canvas, so the canvas selection stays (and is linked to the note).
 */
export function useNoteShortcut(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent) => {
      const focused = document.activeElement as HTMLElement | null
      if (!isNoteShortcut(event, focused, document.getElementById(NOTE_BOX_ID))) return
      // A modal (the scorecard) holds the focus: leave it there.
      if (document.querySelector('dialog[open]')) return
      event.preventDefault()
      getAppStore().getState().requestNoteBox()
    }
    window.addEventListener('keydown', onKeyDown, { capture: true })
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true })
  }, [enabled])
}
