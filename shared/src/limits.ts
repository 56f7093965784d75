/**
 * Every bound the server keeps against what participants send, in one table: its default, the
 * environment variable that overrides it, and what it means. The README's "Limits" table lists
 * the same entries (a test checks that it does).
 *
 * The server reads overrides once at start (`readLimits`); clients use the defaults to stay well
 * inside them. Every value is a whole number.
 */

interface LimitSpec {
  /** Environment variable that overrides the default. */
  env: string
  default: number
  /** What the number counts, for the README. */
  unit: string
  /** One line for the README: what it bounds and what happens past it. */
  doc: string
}

const KIB = 1024
const MIB = 1024 * 1024

/** The limits, by name. Adding one here adds it to the README's table (a test insists). */
export const LIMIT_SPECS = {
  maxMessageBytes: {
    env: 'LIMIT_MAX_MESSAGE_BYTES',
    default: 2 * MIB,
    unit: 'bytes',
    doc: 'Largest websocket frame read; larger closes with 4413 (four times larger is cut off unread, 1009).',
  },
  messagesPerSecond: {
    env: 'LIMIT_MESSAGES_PER_SECOND',
    default: 240,
    unit: 'messages/s',
    doc: 'Sustained messages per connection; more closes with 4429.',
  },
  messageBurst: {
    env: 'LIMIT_MESSAGE_BURST',
    default: 600,
    unit: 'messages',
    doc: 'Burst allowance on top of the message rate.',
  },
  bytesPerSecond: {
    env: 'LIMIT_BYTES_PER_SECOND',
    default: 4 * MIB,
    unit: 'bytes/s',
    doc: 'Sustained bytes per connection; more closes with 4429.',
  },
  byteBurst: {
    env: 'LIMIT_BYTE_BURST',
    default: 16 * MIB,
    unit: 'bytes',
    doc: 'Burst allowance on top of the byte rate.',
  },
  maxBufferedBytes: {
    env: 'LIMIT_MAX_BUFFERED_BYTES',
    default: 8 * MIB,
    unit: 'bytes',
    doc: 'Bytes queued for one receiver; a receiver further behind is closed with 1013 and resyncs.',
  },
  maxConnectionsPerRoom: {
    env: 'LIMIT_MAX_CONNECTIONS_PER_ROOM',
    default: 64,
    unit: 'connections',
    doc: 'Sockets one document of one session holds at once; more are closed with 4429.',
  },
  upgradesPerMinute: {
    env: 'LIMIT_UPGRADES_PER_MINUTE',
    default: 120,
    unit: 'upgrades/min',
    doc: 'Websocket upgrades one client address may make per minute (also its burst); more get HTTP 429.',
  },
  httpRequestsPerMinute: {
    env: 'LIMIT_HTTP_REQUESTS_PER_MINUTE',
    default: 1200,
    unit: 'requests/min',
    doc: 'HTTP requests (API, pages and files; not /healthz) one client address may make per minute; more get 429.',
  },
  headersTimeoutMs: {
    env: 'LIMIT_HEADERS_TIMEOUT_MS',
    default: 10_000,
    unit: 'ms',
    doc: 'Time a request or websocket upgrade has to send its headers before the socket is dropped.',
  },
  requestTimeoutMs: {
    env: 'LIMIT_REQUEST_TIMEOUT_MS',
    default: 120_000,
    unit: 'ms',
    doc: 'Time a request has to arrive whole (body included) before it is answered 408.',
  },
  maxRequestBytes: {
    env: 'LIMIT_MAX_REQUEST_BYTES',
    default: 256 * KIB,
    unit: 'bytes',
    doc: 'Largest HTTP request body other than an import; larger gets 413.',
  },
  maxAwarenessStateBytes: {
    env: 'LIMIT_MAX_AWARENESS_STATE_BYTES',
    default: 16 * KIB,
    unit: 'bytes',
    doc: 'Largest presence (awareness) state, as JSON; larger closes with 4413.',
  },
  maxAwarenessClientsPerConnection: {
    env: 'LIMIT_MAX_AWARENESS_CLIENTS_PER_CONNECTION',
    default: 4,
    unit: 'client ids',
    doc: 'Awareness client ids one connection may speak for at once; more closes with 4400.',
  },
  awarenessChurnPerMinute: {
    env: 'LIMIT_AWARENESS_CHURN_PER_MINUTE',
    default: 30,
    unit: 'ids/min',
    doc: 'New or removed awareness client ids per connection per minute (also its burst); more closes with 4429.',
  },
  maxPendingBytesPerConnection: {
    env: 'LIMIT_MAX_PENDING_BYTES_PER_CONNECTION',
    default: 64 * KIB,
    unit: 'bytes',
    doc: 'Yjs updates held back for missing dependencies, per connection (never applied or sent on); more closes with 4400.',
  },
  maxPendingBytesPerRoom: {
    env: 'LIMIT_MAX_PENDING_BYTES_PER_ROOM',
    default: 256 * KIB,
    unit: 'bytes',
    doc: 'The same, summed over one room; the connection that crosses it is closed with 4400.',
  },
  maxRecordsPerUpdate: {
    env: 'LIMIT_MAX_RECORDS_PER_UPDATE',
    default: 5_000,
    unit: 'records',
    doc: 'Board records one update may write or delete; more closes with 4400.',
  },
  maxBoardRecords: {
    env: 'LIMIT_MAX_BOARD_RECORDS',
    default: 20_000,
    unit: 'records',
    doc: 'Records one board may hold (shapes, bindings, pages, assets); an update past it closes with 4413.',
  },
  maxPanelEntries: {
    env: 'LIMIT_MAX_PANEL_ENTRIES',
    default: 5_000,
    unit: 'entries',
    doc: 'Notes and marks one panel may hold; an update past it closes with 4413.',
  },
  maxDocUpdates: {
    env: 'LIMIT_MAX_DOC_UPDATES',
    default: 1_000_000,
    unit: 'updates',
    doc: "Updates one document's log may hold (a busy hour is about 100,000); past it writes close with 4413.",
  },
  maxDocBytes: {
    env: 'LIMIT_MAX_DOC_BYTES',
    default: 256 * MIB,
    unit: 'bytes',
    doc: "Bytes of updates one document's log may hold; past it writes close with 4413.",
  },
  maxJsonDepth: {
    env: 'LIMIT_MAX_JSON_DEPTH',
    default: 24,
    unit: 'levels',
    doc: 'Nesting of objects and arrays inside one record, note or presence state; deeper closes with 4400.',
  },
  maxStringLength: {
    env: 'LIMIT_MAX_STRING_LENGTH',
    default: 50_000,
    unit: 'characters',
    doc: 'Longest string inside one record or note (in `meta` too); longer closes with 4400.',
  },
  maxAbsCoordinate: {
    env: 'LIMIT_MAX_ABS_COORDINATE',
    default: 1_000_000_000,
    unit: 'units',
    doc: 'Largest absolute value of any number in a board record; larger, NaN or infinite closes with 4400.',
  },
  maxShapeNesting: {
    env: 'LIMIT_MAX_SHAPE_NESTING',
    default: 100,
    unit: 'shapes',
    doc: 'Shapes one shape may sit inside (frames and groups within each other, itself counted); deeper closes with 4400.',
  },
  maxPresenceEventsPerSession: {
    env: 'LIMIT_MAX_PRESENCE_EVENTS_PER_SESSION',
    default: 400,
    unit: 'events',
    doc: "Join and leave events one session's timeline keeps; later ones are dropped.",
  },
  presenceCoalesceMs: {
    env: 'LIMIT_PRESENCE_COALESCE_MS',
    default: 30_000,
    unit: 'ms',
    doc: 'A person who leaves and comes back within this time adds nothing to the timeline.',
  },
  maxImportBytes: {
    env: 'LIMIT_MAX_IMPORT_BYTES',
    default: 200 * MIB,
    unit: 'bytes',
    doc: 'Largest session file an import accepts; larger gets 413.',
  },
  maxImportEvents: {
    env: 'LIMIT_MAX_IMPORT_EVENTS',
    default: 20_000,
    unit: 'events',
    doc: 'Timeline events an imported session file may carry; more gets 400.',
  },
} as const satisfies Record<string, LimitSpec>

/** The name of one limit. */
export type LimitName = keyof typeof LIMIT_SPECS

/** Every limit's value in force. */
export type Limits = { readonly [K in LimitName]: number }

/** The limits when no environment variable overrides them. */
export const DEFAULT_LIMITS: Limits = Object.fromEntries(
  Object.entries(LIMIT_SPECS).map(([name, spec]) => [name, spec.default]),
) as Limits

/**
 * The limits in force given an environment: each `LIMIT_...` variable that is set replaces its
 * default. Throws an Error naming the variable when a value is not a positive whole number.
 */
export function readLimits(env: Readonly<Record<string, string | undefined>>): Limits {
  const limits: Record<string, number> = { ...DEFAULT_LIMITS }
  for (const [name, spec] of Object.entries(LIMIT_SPECS)) {
    const raw = env[spec.env]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`${spec.env} must be a positive whole number (${spec.unit}), got "${raw}"`)
    }
    limits[name] = value
  }
  return limits as Limits
}
