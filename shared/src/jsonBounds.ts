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
 * most one pass over what it holds. Leaves are checked where they are met; only objects and arrays
 * wait on the stack (a record is mostly leaves: this keeps the common check free of allocations).
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const containers: object[] = []
  const depths: number[] = []
  const first = valueProblem(value, 0, bounds, containers, depths)
  if (first !== null) return first
  for (let item = containers.pop(); item !== undefined; item = containers.pop()) {
    const depth = depths.pop() ?? 0
    if (Array.isArray(item)) {
      for (const element of item) {
        const problem = valueProblem(element, depth, bounds, containers, depths)
        if (problem !== null) return problem
      }
      continue
    }
    const record = item as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (key.length > bounds.maxStringLength)
        return `a key is longer than ${bounds.maxStringLength} characters`
      const problem = valueProblem(record[key], depth, bounds, containers, depths)
      if (problem !== null) return problem
    }
  }
  return null
}

/**
 * What is wrong with `value`, found inside a container at `depth` (0 for the value itself), or
 * null; an object or array that may nest is pushed on `containers` with its own depth.
 */
function valueProblem(
  value: unknown,
  depth: number,
  bounds: JsonBounds,
  containers: object[],
  depths: number[],
): string | null {
  switch (typeof value) {
    case 'boolean':
      return null
    case 'number':
      if (!Number.isFinite(value)) return 'a number is not finite'
      if (Math.abs(value) > bounds.maxAbsNumber) return `a number is beyond ±${bounds.maxAbsNumber}`
      return null
    case 'string':
      return value.length > bounds.maxStringLength
        ? `a string is longer than ${bounds.maxStringLength} characters`
        : null
    case 'object': {
      if (value === null) return null
      if (depth + 1 > bounds.maxDepth) return `nested deeper than ${bounds.maxDepth} levels`
      if (!Array.isArray(value)) {
        const prototype = Object.getPrototypeOf(value)
        if (prototype !== Object.prototype && prototype !== null) return 'a value is not plain JSON'
      }
      containers.push(value)
      depths.push(depth + 1)
      return null
    }
    default:
      return 'a value is not plain JSON'
  }
}
