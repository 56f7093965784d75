import { pino } from 'pino'

/** The structured logger passed to every server module. Never give it tokens or document content. */
export type Logger = pino.Logger

/**
 * Query values that say nothing secret and help reading a log: the board's moment and the
 * report's format, kept only when they have their expected form.
 */
const SAFE_QUERY_VALUES: Readonly<Record<string, RegExp>> = { at: /^\d{0,16}$/, format: /^(json|md)$/ }

const REDACTED = '[redacted]'

/**
 * Paths censored in every log line, as a second line of defence behind the serializers: a token
 * field, the headers that carry credentials wherever a request is logged whole, and the raw bytes
 * Node attaches to a client error (they hold the request line and headers, token included).
 */
const REDACT_PATHS = [
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'err.rawPacket',
  '*.rawPacket',
]

/**
 * A URL (or a path with a query) as it may be logged: the path as is and every query value
 * replaced by `[redacted]`, except a number `at` or a `format` of `json` or `md`. Sync links
 * carry their token in the query (`/sync/<id>/<doc>?token=...`), so no query value is trusted.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?')
  if (queryAt < 0) return url
  const query = url.slice(queryAt + 1)
  if (query === '') return url
  const kept = query.split('&').map((pair) => {
    const equals = pair.indexOf('=')
    const key = equals < 0 ? pair : pair.slice(0, equals)
    const safe = Object.hasOwn(SAFE_QUERY_VALUES, key) && SAFE_QUERY_VALUES[key]?.test(pair.slice(equals + 1))
    if (safe) return pair
    // A key may be a secret too (`?<token>`): only short plain words are kept.
    return `${/^[A-Za-z_]{1,32}$/.test(key) ? key : REDACTED}=${REDACTED}`
  })
  return `${url.slice(0, queryAt)}?${kept.join('&')}`
}

/** Every query string inside a free text (an error message, a stack) redacted as `redactUrl` does. */
function redactUrlsIn(text: string): string {
  return text.replace(/\?[^\s"'`<>#]*/g, (query) => redactUrl(query))
}

interface LoggableRequest {
  method?: string
  url?: string
  host?: string
  hostname?: string
  ip?: string
  socket?: { remoteAddress?: string; remotePort?: number }
}

/**
 * How a request is logged (Fastify's `req`, or a bare Node request on an upgrade): method, URL with
 * its query redacted, and where it came from. Headers are never logged.
 */
function serializeRequest(request: LoggableRequest) {
  return {
    method: request.method,
    url: typeof request.url === 'string' ? redactUrl(request.url) : undefined,
    host: request.host ?? request.hostname,
    remoteAddress: request.ip ?? request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
  }
}

/** Errors as pino logs them, without the raw request bytes Node attaches and with any query redacted. */
function serializeError(error: unknown) {
  if (!(error instanceof Error)) return error
  const serialized: Record<string, unknown> = { ...pino.stdSerializers.err(error) }
  delete serialized.rawPacket
  for (const key of ['message', 'stack', 'url']) {
    const value = serialized[key]
    if (typeof value === 'string') serialized[key] = redactUrlsIn(value)
  }
  return serialized
}

/**
 * The serializers that keep secrets out of log lines: a `req` (Fastify's "incoming request"
 * lines), a bare `url` field (anything logging a sync URL), and `err`.
 */
const SAFE_SERIALIZERS = {
  req: serializeRequest,
  url: (url: unknown) => (typeof url === 'string' ? redactUrl(url) : url),
  err: serializeError,
}

/**
 * A child of `logger` that writes nothing secret: request URLs with their query redacted,
 * credentials headers and raw request bytes censored. The server builds everything on this
 * child, so a logger handed in from outside (tests) is covered as well as `createLogger`'s.
 */
export function withSecretsRedacted(logger: Logger): Logger {
  return logger.child(
    {},
    { serializers: SAFE_SERIALIZERS, redact: { paths: REDACT_PATHS, censor: REDACTED } },
  )
}

/**
 * Builds the process logger: JSON lines on stdout. Paths that could carry a secret are redacted
 * as a second line of defence; the first is never logging them.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    serializers: SAFE_SERIALIZERS,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  })
}
