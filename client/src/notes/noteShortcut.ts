/** The keys the shortcut reads, from a KeyboardEvent. */
export interface ShortcutKeys {
  code: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}

/** The parts of the focused element the shortcut looks at. */
export interface FocusedElement {
  tagName: string
  isContentEditable?: boolean
}

/** The note box's shortcut, shown under the box. */
export const NOTE_SHORTCUT_LABEL = 'Alt+N'

/**
 * Whether a keydown is the note box shortcut, Alt+N, to be taken from the canvas. Read by the
 * key's position (`code`), since Alt+N types a character on some layouts (macOS: `˜`). Not
 * taken while the person types in another field or in a shape's text, where Alt+N may be text.
 */
export function isNoteShortcut(
  keys: ShortcutKeys,
  focused: FocusedElement | null,
  noteBox: unknown,
): boolean {
  if (keys.code !== 'KeyN' || !keys.altKey || keys.ctrlKey || keys.metaKey) return false
  if (!focused || focused === noteBox) return true
  return !isTextEntry(focused)
}

function isTextEntry(element: FocusedElement): boolean {
  const tag = element.tagName.toLowerCase()
  return element.isContentEditable === true || tag === 'input' || tag === 'textarea' || tag === 'select'
}
