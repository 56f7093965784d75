import { pino } from 'pino'

/** The structured logger passed to every server module. Never give it tokens or document content. */
export type Logger = pino.Logger

/**
 * Builds the process logger: JSON lines on stdout. Paths that could carry a secret are redacted
 * as a second line of defence; the first is never logging them.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['token', '*.token', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  })
}
