import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const TOKEN_BYTES = 32
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

/** A new capability token: 256 random bits, URL-safe base64 (43 characters). */
export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

/** A new session id: 96 random bits, URL-safe base64 (16 characters). */
export function generateSessionId(): string {
  return randomBytes(12).toString('base64url')
}

/**
 * Whether a string has the form of a token. Anything else is refused before it reaches the
 * database or the hash.
 */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value)
}

/**
 * The hash a token is stored as. Tokens carry 256 random bits, so a fast hash is enough: nothing
 * can be guessed from it, and a stolen database gives no usable token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Compares two token hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}
