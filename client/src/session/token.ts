/** The parts of the browser `takeSessionToken` touches; tests pass fakes. */
export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  /** Where tokens are kept on this device: localStorage in the app, so new tabs find them. */
  storage: Pick<Storage, 'getItem' | 'setItem'>
  /** Where tabs opened by earlier versions of the app kept the token (sessionStorage), read only. */
  legacy?: Pick<Storage, 'getItem'>
}

/** The storage key that holds this device's token for one session (one key per session id). */
export function sessionTokenKey(sessionId: string): string {
  return `tradeoff.token.${sessionId}`
}

/**
 * Takes this participant's capability token for `sessionId`: a `#token=...` fragment in the
 * address is moved to this device's storage under the session's own key and removed from the
 * address bar (so it is not shown, shared by a screenshot, or sent along by anything that reads
 * the page's URL); without a fragment, the token kept by an earlier visit on this device is
 * returned, so a bookmark, a duplicated tab or a reopened browser still opens the session. Null
 * when there is neither. `forgetSessionToken` removes it.
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
    if (fromHash) safely(() => env.storage.setItem(key, fromHash))
    const { pathname, search } = env.location
    env.history.replaceState(env.history.state, '', `${pathname}${search}`)
  }
  if (fromHash) return fromHash
  const kept = safely(() => env.storage.getItem(key)) || safely(() => env.legacy?.getItem(key))
  if (kept) safely(() => env.storage.setItem(key, kept))
  return kept || null
}

/** Removes this device's token for `sessionId` (both storages); the link is needed again after. */
export function forgetSessionToken(
  sessionId: string,
  storages: ReadonlyArray<Pick<Storage, 'removeItem'>> = browserStorages(),
): void {
  for (const storage of storages) safely(() => storage.removeItem(sessionTokenKey(sessionId)))
}

/** The whole link of a participant, as handed out when the session was created. */
export function sessionLinkUrl(origin: string, sessionId: string, token: string): string {
  return `${origin}/s/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(token)}`
}

/** The `token` parameter of a URL fragment (`#token=abc`), or null when the fragment has none. */
export function readHashToken(hash: string): string | null {
  if (!hash || hash === '#') return null
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const token = params.get('token')
  return token === null ? null : token.trim()
}

// Storage can be disabled or full (private modes): the token then lives for this page only.
function safely<T>(action: () => T): T | null {
  try {
    return action()
  } catch {
    return null
  }
}

function browserEnvironment(): TokenEnvironment {
  return {
    location: window.location,
    history: window.history,
    storage: window.localStorage,
    legacy: window.sessionStorage,
  }
}

function browserStorages(): Array<Pick<Storage, 'removeItem'>> {
  return [window.localStorage, window.sessionStorage]
}
