import type { MathJsInstance } from 'mathjs'

/**
 * Words for the things a system counts, each a unit of its own so results read well (`2.3k msg/s`)
 * and a wrong sum is caught (`3 msg + 2 users`). The first word is the unit; the others are aliases
 * of it, so `msgs`, `message` and `messages` are one and the same. None take SI prefixes (`kmsg` is
 * not a unit): write `1k msg`.
 *
 * A conversion with `to` may drop counts the target does not mention: `10M users * 20 msg/day to
 * msg/s` and `2 KB * 2315 msg/s * 1 year to TB` both work (see evaluate.ts).
 */
export const COUNT_UNITS: readonly (readonly [string, ...string[]])[] = [
  ['msg', 'msgs', 'message', 'messages'],
  ['req', 'reqs', 'request', 'requests'],
  ['query', 'queries'],
  ['user', 'users'],
  ['item', 'items'],
  ['event', 'events'],
  ['write', 'writes'],
  ['read', 'reads'],
  ['post', 'posts'],
  ['view', 'views'],
  ['click', 'clicks'],
  ['photo', 'photos'],
  ['video', 'videos'],
  ['file', 'files'],
  ['op', 'ops'],
  ['txn', 'txns'],
  ['row', 'rows'],
  ['order', 'orders'],
  ['device', 'devices'],
  ['server', 'servers'],
]

/**
 * Byte units people write in capitals. mathjs has `kB` (and `MB`, `GB`, `TB`, `PB` through its SI
 * prefixes on `B`); `KB` is added as 1,000 bytes, like the others, decimal. `KiB`, `MiB`, ... stay
 * binary as mathjs defines them.
 */
const EXTRA_BYTE_UNITS = { KB: { definition: '1000 B' } }

/** Adds the count words and `KB` to a private mathjs instance; call once, before any expression. */
export function addCountUnits(math: MathJsInstance): void {
  for (const [unit, ...aliases] of COUNT_UNITS) math.createUnit(unit, { aliases })
  math.createUnit(EXTRA_BYTE_UNITS)
}

/** The names of the count units (not their aliases), as mathjs reports them in a unit's parts. */
export function countUnitNames(): ReadonlySet<string> {
  return new Set(COUNT_UNITS.map(([unit]) => unit))
}
