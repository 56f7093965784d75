import { type CreatedSession, createSessionBodySchema, type Prompt } from '@tradeoff/shared'
import { type FormEvent, useId, useState } from 'react'
import { ApiError } from '../api/apiClient'
import { createSession } from '../api/sessions'

/** Most interviewers a session takes (the server's limit). */
const MAX_INTERVIEWERS = 6

interface CreateSessionFormProps {
  prompt: Prompt
  adminToken: string | null
  onCreated: (created: CreatedSession, title: string) => void
  /** The server wants an admin token (401). */
  onUnauthorized: () => void
}

/** Starts a session on a prompt: an optional title, the interviewers' names and the candidate's. */
export function CreateSessionForm({ prompt, adminToken, onCreated, onUnauthorized }: CreateSessionFormProps) {
  const id = useId()
  const [title, setTitle] = useState('')
  const [interviewers, setInterviewers] = useState([''])
  const [candidate, setCandidate] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const setInterviewer = (index: number, name: string) =>
    setInterviewers((names) => names.map((old, i) => (i === index ? name : old)))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const names = interviewers.map((name) => name.trim()).filter(Boolean)
    const checked = createSessionBodySchema.safeParse({
      promptId: prompt.id,
      title: title.trim() || undefined,
      interviewers: names.length > 0 ? names : undefined,
      candidate: candidate.trim() || undefined,
    })
    if (!checked.success) {
      const issue = checked.error.issues[0]
      setError(
        issue ? `${FIELD_LABELS[String(issue.path[0])] ?? 'This form'}: ${issue.message}` : 'Check the form.',
      )
      return
    }
    setBusy(true)
    setError(null)
    try {
      const created = await createSession(checked.data, { token: adminToken })
      onCreated(created, checked.data.title ?? prompt.title)
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) onUnauthorized()
      setError(failure instanceof ApiError ? failure.message : 'The session could not be created. Try again.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="create-session card"
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>Start a session with this prompt</h3>
      <label className="field">
        <span>Session title</span>
        <input
          value={title}
          maxLength={120}
          placeholder={prompt.title}
          onChange={(event) => setTitle(event.target.value)}
          data-testid="session-title"
        />
      </label>
      <fieldset className="field-group">
        <legend>Interviewers</legend>
        {interviewers.map((name, index) => (
          // Fields are positional: removing one shifts the rest, which is what the user sees.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div className="interviewer-field" key={index}>
            <input
              value={name}
              maxLength={40}
              placeholder={index === 0 ? 'Your name' : 'Another interviewer'}
              aria-label={`Interviewer ${index + 1} name`}
              onChange={(event) => setInterviewer(index, event.target.value)}
              data-testid={`interviewer-name-${index}`}
            />
            {interviewers.length > 1 ? (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove interviewer ${index + 1}`}
                onClick={() => setInterviewers((names) => names.filter((_, i) => i !== index))}
              >
                ×
              </button>
            ) : null}
          </div>
        ))}
        {interviewers.length < MAX_INTERVIEWERS ? (
          <button
            type="button"
            className="link-button"
            onClick={() => setInterviewers((names) => [...names, ''])}
            data-testid="add-interviewer"
          >
            + Add an interviewer
          </button>
        ) : null}
      </fieldset>
      <label className="field">
        <span>Candidate</span>
        <input
          value={candidate}
          maxLength={40}
          placeholder="Candidate's name"
          onChange={(event) => setCandidate(event.target.value)}
          data-testid="candidate-name"
        />
      </label>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy} data-testid="create-session">
        {busy ? 'Creating…' : 'Create session'}
      </button>
    </form>
  )
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Session title',
  interviewers: 'Interviewers',
  candidate: 'Candidate',
  promptId: 'Prompt',
}
