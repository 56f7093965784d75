import type { CreatedSession } from '@tradeoff/shared'
import { useState } from 'react'
import { getPrompt, listPrompts } from '../api/prompts'
import { forgetSession, loadMySessions, rememberSession } from '../session/mySessions'
import '../ui/session.css'
import { ThemeToggle } from '../ui/ThemeToggle'
import './home.css'
import { AdminTokenForm } from './AdminTokenForm'
import { readAdminToken, saveAdminToken } from './adminToken'
import { CreateSessionForm } from './CreateSessionForm'
import { type ImportedSession, ImportSession } from './ImportSession'
import { MySessions } from './MySessions'
import { PromptLibrary } from './PromptLibrary'
import { PromptReader } from './PromptReader'
import { SessionCreated } from './SessionCreated'
import { useLoaded } from './useLoaded'

/**
 * The start page: browse and read the prompts, create a session on one and hand out its links,
 * reopen or review the sessions created in this browser, and import a session file. `promptId`
 * is the prompt open in the reader, from the address (`/p/<promptId>`), or null.
 */
export function HomePage({ promptId }: { promptId: string | null }) {
  const [adminToken, setAdminToken] = useState(readAdminToken)
  const [createRefused, setCreateRefused] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const [mySessions, setMySessions] = useState(() => loadMySessions(window.localStorage))
  const [created, setCreated] = useState<{ session: CreatedSession; title: string; promptId: string } | null>(
    null,
  )
  const selectedId = promptId

  const library = useLoaded(`prompts:${adminToken ?? ''}:${attempt}`, (signal) =>
    listPrompts({ token: adminToken, signal }),
  )
  const selected = useLoaded(selectedId ? `prompt:${selectedId}:${adminToken ?? ''}` : null, (signal) =>
    getPrompt(selectedId ?? '', { token: adminToken, signal }),
  )
  const unauthorized = createRefused || (library?.status === 'error' && library.error.status === 401)

  const applyAdminToken = (token: string) => {
    saveAdminToken(token)
    setAdminToken(token.trim())
    setCreateRefused(false)
  }

  const onImported = ({ created: session, title, promptTitle }: ImportedSession) => {
    // Named apart from the original, which this browser may list too.
    const details = { title: `${title} (imported)`, promptTitle, createdAt: Date.now() }
    setMySessions(rememberSession(window.localStorage, session, details))
  }

  const onCreated = (session: CreatedSession, title: string) => {
    if (selected?.status !== 'ready') return
    const prompt = selected.value
    setCreated({ session, title, promptId: prompt.id })
    setMySessions(
      rememberSession(window.localStorage, session, {
        title,
        promptTitle: prompt.title,
        createdAt: Date.now(),
      }),
    )
  }

  return (
    <div className="home-page">
      <header className="home-header">
        <div>
          <h1>Tradeoff</h1>
          <p>Pick a prompt, start a round, send each person their link.</p>
        </div>
        <ThemeToggle />
      </header>
      {unauthorized ? <AdminTokenForm refused={adminToken !== null} onSave={applyAdminToken} /> : null}
      <MySessions
        sessions={mySessions}
        onForget={(id) => setMySessions(forgetSession(window.localStorage, id))}
      />
      <div className="home-columns">
        {library === null || library.status === 'loading' ? (
          <p className="prompt-library muted">Loading the prompts…</p>
        ) : library.status === 'error' ? (
          <div className="prompt-library">
            {library.error.status === 401 ? (
              <p className="muted">Enter the admin token above to see the prompts.</p>
            ) : (
              <>
                <p role="alert" className="error-text">
                  {library.error.message}
                </p>
                <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                  Try again
                </button>
              </>
            )}
          </div>
        ) : (
          <PromptLibrary prompts={library.value} selectedId={selectedId} />
        )}
        <div className="reader-column">
          {selected === null ? (
            <EmptyReader />
          ) : selected.status === 'loading' ? (
            <p className="muted">Loading the prompt…</p>
          ) : selected.status === 'error' ? (
            <p role="alert" className="error-text">
              {selected.error.message}
            </p>
          ) : (
            <PromptReader prompt={selected.value}>
              {created?.promptId === selected.value.id ? (
                <SessionCreated
                  created={created.session}
                  title={created.title}
                  onDone={() => setCreated(null)}
                />
              ) : (
                <CreateSessionForm
                  prompt={selected.value}
                  adminToken={adminToken}
                  onCreated={onCreated}
                  onUnauthorized={() => setCreateRefused(true)}
                />
              )}
            </PromptReader>
          )}
        </div>
      </div>
      <ImportSession
        adminToken={adminToken}
        onImported={onImported}
        onUnauthorized={() => setCreateRefused(true)}
      />
    </div>
  )
}

function EmptyReader() {
  return (
    <div className="empty-reader">
      <h2>How a round works</h2>
      <ol>
        <li>Choose a prompt from the list and read it: the candidate's brief, then your guide.</li>
        <li>
          Create a session: you get one link per interviewer, one for the candidate and one for reviewers.
        </li>
        <li>Send the candidate their link, open yours, and start the clock when you are both there.</li>
      </ol>
    </div>
  )
}
