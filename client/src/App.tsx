import { Route, Switch } from 'wouter'
import { HomePage } from './home/HomePage'
import { ReviewPage } from './review/ReviewPage'
import { RoomPage } from './room/RoomPage'

/** The app's pages: home (`/`), an interview room (`/s/<sessionId>`) and its review (`/r/<sessionId>`). */
export function App() {
  return (
    <Switch>
      <Route path="/s/:sessionId">{(params) => <RoomPage sessionId={params.sessionId} />}</Route>
      <Route path="/r/:sessionId">{(params) => <ReviewPage sessionId={params.sessionId} />}</Route>
      <Route path="/">
        <HomePage />
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
