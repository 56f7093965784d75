import { useSyncExternalStore } from 'react'
import { getThemeChoice, onThemeChange, setThemeChoice, type ThemeChoice } from './theme'

const CHOICES: ReadonlyArray<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

/**
 * Light, dark or the system's theme, for pages without tldraw's menu (home, review). In the room,
 * tldraw's own Preferences menu makes the same choice.
 */
export function ThemeToggle() {
  const choice = useSyncExternalStore(onThemeChange, getThemeChoice)
  return (
    <fieldset className="theme-toggle" data-testid="theme-toggle">
      <legend className="visually-hidden">Theme</legend>
      {CHOICES.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          aria-pressed={choice === value}
          data-theme-choice={value}
          onClick={() => setThemeChoice(value)}
        >
          {label}
        </button>
      ))}
    </fieldset>
  )
}
