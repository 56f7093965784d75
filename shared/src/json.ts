/** Deep equality of two JSON values, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  return aKeys.every((key) => Object.hasOwn(y, key) && sameJson(x[key], y[key]))
}
