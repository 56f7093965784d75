import { type FormEvent, useState } from 'react'
import { getAppStore } from '../state/useAppStore'

/** Asks for the name shown on this person's cursor; asked once, then remembered in this browser. */
export function NamePrompt() {
  const [name, setName] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim()) getAppStore().getState().setUserName(name)
  }
  return (
    <main className="page-message">
      <form className="name-prompt" onSubmit={submit}>
        <label htmlFor="user-name">Your name, as others will see it on your cursor</label>
        <input
          id="user-name"
          name="name"
          autoComplete="name"
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" disabled={!name.trim()}>
          Join the board
        </button>
      </form>
    </main>
  )
}
