import { type FormEvent, useState } from 'react'

interface AdminTokenFormProps {
  /** Whether a token was already sent and refused. */
  refused: boolean
  onSave: (token: string) => void
}

/** Asks for the server's admin token, shown only after the server answered 401. */
export function AdminTokenForm({ refused, onSave }: AdminTokenFormProps) {
  const [token, setToken] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (token.trim()) onSave(token)
  }
  return (
    <form className="admin-token card" onSubmit={submit} data-testid="admin-token-form">
      <h2>This server needs an admin token</h2>
      <p className="muted">
        {refused
          ? 'That token was not accepted. Check it with whoever runs this Tradeoff server.'
          : 'Whoever runs this Tradeoff server set one. It is kept in this tab only.'}
      </p>
      <div className="inline-form">
        <label className="field">
          <span>Admin token</span>
          <input
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            data-testid="admin-token"
          />
        </label>
        <button type="submit" className="primary" disabled={!token.trim()}>
          Use this token
        </button>
      </div>
    </form>
  )
}
