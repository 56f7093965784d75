import { lazy, Suspense } from 'react'
import { Route, Switch } from 'wouter'
import { ReviewPage } from './review/ReviewPage'

// The room is drawing from the start, so its page comes with tldraw, in a chunk of its own.
const RoomPage = lazy(() => import('./room/RoomPage').then((m) => ({ default: m.RoomPage })))
// The home page reads prompts as Markdown: its code is not loaded with a review's.
const HomePage = lazy(() => import('./home/HomePage').then((m) => ({ default: m.HomePage })))

/**
 * The app's pages: home (`/`), home with one prompt open in the library (`/p/<promptId>`, a link
 * to that prompt), an interview room (`/s/<sessionId>`) and its review (`/r/<sessionId>`).
 */
export function App() {
  return (
    <Switch>
      <Route path="/s/:sessionId">
        {(params) => (
          <Suspense fallback={<main className="page-message">Opening the room…</main>}>
            <RoomPage sessionId={params.sessionId} />
          </Suspense>
        )}
      </Route>
      <Route path="/r/:sessionId">{(params) => <ReviewPage sessionId={params.sessionId} />}</Route>
      <Route path="/p/:promptId">
        {(params) => (
          <Suspense fallback={<main className="page-message">Loading…</main>}>
            <HomePage promptId={params.promptId} />
          </Suspense>
        )}
      </Route>
      <Route path="/">
        <Suspense fallback={<main className="page-message">Loading…</main>}>
          <HomePage promptId={null} />
        </Suspense>
      </Route>
      <Route>
        <main className="page-message">
          <h1>Page not found</h1>
          <a href="/">Back to Tradeoff</a>
        </main>
      </Route>
    </Switch>
  )
}
