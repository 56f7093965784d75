import { describe, expect, it } from 'vitest'
import { isNoteShortcut } from './noteShortcut'

const altN = { code: 'KeyN', altKey: true, ctrlKey: false, metaKey: false }
const canvas = { tagName: 'DIV', isContentEditable: false }

describe('isNoteShortcut', () => {
  it('takes Alt+N by key position from the canvas or the page', () => {
    expect(isNoteShortcut(altN, canvas, null)).toBe(true)
    expect(isNoteShortcut(altN, null, null)).toBe(true)
    expect(isNoteShortcut(altN, { tagName: 'BUTTON' }, null)).toBe(true)
  })

  it('ignores other keys and other modifiers', () => {
    expect(isNoteShortcut({ ...altN, code: 'KeyM' }, canvas, null)).toBe(false)
    expect(isNoteShortcut({ ...altN, altKey: false }, canvas, null)).toBe(false)
    expect(isNoteShortcut({ ...altN, ctrlKey: true }, canvas, null)).toBe(false)
    expect(isNoteShortcut({ ...altN, metaKey: true }, canvas, null)).toBe(false)
  })

  it('leaves Alt+N to other fields and to shape text being edited', () => {
    expect(isNoteShortcut(altN, { tagName: 'INPUT' }, null)).toBe(false)
    expect(isNoteShortcut(altN, { tagName: 'TEXTAREA' }, null)).toBe(false)
    expect(isNoteShortcut(altN, { tagName: 'DIV', isContentEditable: true }, null)).toBe(false)
  })

  it('takes it in the note box itself (nothing to type there)', () => {
    const box = { tagName: 'INPUT' }
    expect(isNoteShortcut(altN, box, box)).toBe(true)
  })
})
