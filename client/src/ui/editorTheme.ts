import { type Editor, react } from 'tldraw'
import { getThemeChoice, onThemeChange, parseThemeChoice, setThemeChoice } from './theme'

/**
 * Keeps tldraw's colour scheme and the app's theme one choice: the editor starts with the app's,
 * a pick in tldraw's menu (Preferences, Color scheme) becomes the app's, and a change made
 * elsewhere (another tab, the home page's switch) reaches the editor. Returns the unbinding.
 */
export function bindEditorTheme(editor: Editor): () => void {
  editor.user.updateUserPreferences({ colorScheme: getThemeChoice() })
  const stopEditor = react('tldraw colour scheme', () => {
    const picked = editor.user.getUserPreferences().colorScheme
    if (picked !== undefined) setThemeChoice(parseThemeChoice(picked))
  })
  const stopApp = onThemeChange(() => {
    const current = getThemeChoice()
    if (editor.user.getUserPreferences().colorScheme !== current) {
      editor.user.updateUserPreferences({ colorScheme: current })
    }
  })
  return () => {
    stopEditor()
    stopApp()
  }
}
