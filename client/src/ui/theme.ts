/** What a person picked: a fixed theme, or whatever their system says. tldraw uses the same names. */
export type ThemeChoice = 'light' | 'dark' | 'system'

/** The theme the page is drawn in. */
export type Theme = 'light' | 'dark'

/** Where the choice is kept, in localStorage, so every page and tab of the app agrees. */
export const THEME_STORAGE_KEY = 'tradeoff.colorScheme'

const DARK_QUERY = '(prefers-color-scheme: dark)'

/** Reads a stored choice; anything missing or unknown is `system`. */
export function parseThemeChoice(value: unknown): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system'
}

/** The theme a choice gives, `systemDark` being whether the system asks for dark. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light'
  return choice
}

function readStored(): ThemeChoice {
  try {
    return parseThemeChoice(window.localStorage.getItem(THEME_STORAGE_KEY))
  } catch {
    // Storage can be switched off; the system's preference still applies.
    return 'system'
  }
}

let choice: ThemeChoice = 'system'
const listeners = new Set<() => void>()

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches
}

function apply(): void {
  const theme = resolveTheme(choice, systemDark())
  document.documentElement.dataset.theme = theme
  for (const listener of listeners) listener()
}

/** The choice in force now. */
export function getThemeChoice(): ThemeChoice {
  return choice
}

/** The theme the page is drawn in now. */
export function getTheme(): Theme {
  return resolveTheme(choice, systemDark())
}

/** Remembers `next` for every page and tab, and redraws the page in it. */
export function setThemeChoice(next: ThemeChoice): void {
  if (next === choice) return
  choice = next
  try {
    if (next === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY)
    else window.localStorage.setItem(THEME_STORAGE_KEY, next)
  } catch {
    // Not remembered, but this page still follows it.
  }
  apply()
}

/** Calls `listener` whenever the theme or the choice changes; returns the unsubscribe. */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

let started = false

/**
 * Sets `data-theme` on the root element from the stored choice, then keeps it right when the
 * system switches between light and dark or another tab changes the choice. Call it once, as
 * early as the page allows, so the first paint already has the right colours.
 */
export function startTheme(): void {
  if (started) return
  started = true
  choice = readStored()
  apply()
  window.matchMedia?.(DARK_QUERY).addEventListener('change', apply)
  window.addEventListener('storage', (event) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return
    choice = readStored()
    apply()
  })
}
