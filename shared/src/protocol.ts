/**
 * The sync wire protocol, defined once for the client, the server and the tests.
 *
 * Frames follow the y-websocket protocol: each websocket message starts with a varuint message
 * type, followed by a y-protocols sync or awareness message. See y-protocols' PROTOCOL.md for the
 * bytes that follow the type.
 */

/** The first varuint of every websocket frame. */
export const MessageType = {
  /** y-protocols sync: step 1 (state vector), step 2 (diff) or update. */
  sync: 0,
  /** y-protocols awareness update (cursors, selection, names). */
  awareness: 1,
  /** y-protocols auth message; the server never sends one and ignores none: it is refused. */
  auth: 2,
  /** Asks the server for every awareness state it holds. */
  queryAwareness: 3,
} as const

/** A websocket close the server may send, with whether a client should reconnect after it. */
export interface CloseReason {
  code: number
  reason: string
  /** A fatal close means reconnecting will fail the same way; y-websocket stops on 4400-4499. */
  fatal: boolean
}

/**
 * Every close code the sync endpoint uses (README, "Websocket sync"). Codes 4400-4499 make y-websocket 3
 * clients stop reconnecting, which is what we want for refusals.
 */
export const CloseCodes = {
  badToken: { code: 4401, reason: 'missing or wrong token', fatal: true },
  forbidden: { code: 4403, reason: 'this role may not open this document', fatal: true },
  notFound: { code: 4404, reason: 'unknown session or document', fatal: true },
  badUpdate: { code: 4400, reason: 'message breaks the protocol or the document schema', fatal: true },
  tooLarge: { code: 4413, reason: 'message over the size limit', fatal: true },
  rateLimited: { code: 4429, reason: 'over the rate limit', fatal: true },
  roomFull: { code: 4429, reason: 'this room is full', fatal: true },
  quotaReached: {
    code: 4413,
    reason: 'this document reached its size quota; nothing more can be added',
    fatal: true,
  },
  appUpdated: { code: 4426, reason: 'Tradeoff was updated: reload this page to carry on', fatal: true },
  serverRestart: { code: 1012, reason: 'server restarting', fatal: false },
  slowReceiver: { code: 1013, reason: 'too slow to keep up; reconnect', fatal: false },
  noPong: { code: 1001, reason: 'no answer to ping', fatal: false },
  storageFailure: { code: 1011, reason: 'storage failure; reconnect', fatal: false },
  storageUnavailable: { code: 1013, reason: 'storage unavailable; try again shortly', fatal: false },
} as const satisfies Record<string, CloseReason>

/** The documents a session has on the sync endpoint. */
export const DOC_NAMES = ['board', 'panel'] as const

/** A document name on the sync endpoint: `board` or `panel`. */
export type DocName = (typeof DOC_NAMES)[number]

/** Tells whether a string names a sync document. */
export function isDocName(value: string): value is DocName {
  return (DOC_NAMES as readonly string[]).includes(value)
}

/** The sync endpoint's path for one document of one session; the token goes in `?token=`. */
export function syncPath(sessionId: string, doc: DocName): string {
  return `/sync/${encodeURIComponent(sessionId)}/${doc}`
}

/**
 * The query parameter a browser tab sends with the file name of its own code bundle. A server
 * serving other code closes it with `appUpdated`, so a tab left open across an upgrade is told to
 * reload rather than failing on a schema it does not know. Tools that send no version are served.
 */
export const CLIENT_VERSION_PARAM = 'v'
