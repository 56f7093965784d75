/**
 * Bounds on a JSON value as a participant sends it: how deep it nests, how long its strings are,
 * how large its numbers are. Checked by the server before a record or a note is accepted, and by
 * the clients before a record reaches tldraw, so a value that would hang or crash a reader (a
 * 10,000-deep object, a 5 MB label, a NaN coordinate) is never stored nor drawn.
 */

/** The bounds a value must keep. */
export interface JsonBounds {
  /** Objects and arrays inside one another, the value itself counting as level 1. */
  maxDepth: number
  /** Characters in one string, object keys included. */
  maxStringLength: number
  /** Largest absolute value of a number; every number must also be finite. */
  maxAbsNumber: number
}

/** The limits a board record is held to (see `shared/src/limits.ts`). */
export interface RecordLimits {
  maxJsonDepth: number
  maxStringLength: number
  maxAbsCoordinate: number
}

/** The bounds of one board record under `limits`: every number in it is a coordinate-sized number. */
export function recordBounds(limits: RecordLimits): JsonBounds {
  return {
    maxDepth: limits.maxJsonDepth,
    maxStringLength: limits.maxStringLength,
    maxAbsNumber: limits.maxAbsCoordinate,
  }
}

/**
 * What in `value` breaks `bounds`, in a few words, or null when it keeps them. Only plain JSON
 * passes: null, booleans, finite numbers, strings, arrays and plain objects; anything else a
 * Yjs value may carry (undefined, bigint, binary) is refused. Never echoes the content.
 *
 * Walks the value without recursion and stops at the first problem, so a hostile value costs at
 * most one pass over what it holds.
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: item, depth } = next
    switch (typeof item) {
      case 'boolean':
        continue
      case 'number':
        if (!Number.isFinite(item)) return 'a number is not finite'
        if (Math.abs(item) > bounds.maxAbsNumber) return `a number is beyond ±${bounds.maxAbsNumber}`
        continue
      case 'string':
        if (item.length > bounds.maxStringLength)
          return `a string is longer than ${bounds.maxStringLength} characters`
        continue
      case 'object': {
        if (item === null) continue
        if (depth + 1 > bounds.maxDepth) return `nested deeper than ${bounds.maxDepth} levels`
        if (Array.isArray(item)) {
          for (const element of item) stack.push({ value: element, depth: depth + 1 })
          continue
        }
        const prototype = Object.getPrototypeOf(item)
        if (prototype !== Object.prototype && prototype !== null) return 'a value is not plain JSON'
        for (const [key, child] of Object.entries(item)) {
          if (key.length > bounds.maxStringLength)
            return `a key is longer than ${bounds.maxStringLength} characters`
          stack.push({ value: child, depth: depth + 1 })
        }
        continue
      }
      default:
        return 'a value is not plain JSON'
    }
  }
  return null
}
