/** The parts of the browser `takeSessionToken` touches; tests pass fakes. */
export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
}

/** The sessionStorage key that holds the token of one session. */
export function sessionTokenKey(sessionId: string): string {
  return `tradeoff.token.${sessionId}`
}

/**
 * Takes this participant's capability token for `sessionId`: a `#token=...` fragment in the
 * address is moved to sessionStorage and removed from the address bar (so it is not shown, shared
 * by a screenshot, or sent along by anything that reads the page's URL); without a fragment, the
 * token stored by an earlier visit in this tab is returned. Null when there is neither.
 *
 * Call it synchronously before the board mounts: tldraw may report the page URL.
 */
export function takeSessionToken(
  sessionId: string,
  env: TokenEnvironment = browserEnvironment(),
): string | null {
  const key = sessionTokenKey(sessionId)
  const fromHash = readHashToken(env.location.hash)
  if (fromHash !== null) {
    if (fromHash) env.storage.setItem(key, fromHash)
    const { pathname, search } = env.location
    env.history.replaceState(env.history.state, '', `${pathname}${search}`)
  }
  return fromHash || env.storage.getItem(key) || null
}

/** The `token` parameter of a URL fragment (`#token=abc`), or null when the fragment has none. */
export function readHashToken(hash: string): string | null {
  if (!hash || hash === '#') return null
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const token = params.get('token')
  return token === null ? null : token.trim()
}

function browserEnvironment(): TokenEnvironment {
  return { location: window.location, history: window.history, storage: window.sessionStorage }
}
