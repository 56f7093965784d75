/**
 * A seeded random source: the same seed gives the same sequence on every machine, so a fuzz
 * failure is reproduced by running again with the seed it printed. sfc32, seeded through
 * splitmix32 so that nearby seeds give unrelated sequences.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** A whole number in [0, max). */
  int(max: number): number
  /** A whole number in [min, max]. */
  between(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** An unsigned 32-bit number, for Yjs client ids. */
  uint32(): number
  bytes(length: number): Uint8Array
  /** An independent source derived from this seed and `label`, unaffected by later draws here. */
  fork(label: number): Random
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A random source for `seed` (any whole number; only its low 32 bits count). */
export function seededRandom(seed: number): Random {
  const mix = splitmix32(seed)
  let a = mix()
  let b = mix()
  let c = mix()
  let d = mix()
  const uint32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  const next = () => uint32() / 4294967296
  const int = (max: number) => Math.floor(next() * max)
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[int(items.length)] as T
    },
    uint32,
    bytes(length) {
      const out = new Uint8Array(length)
      for (let i = 0; i < length; i++) out[i] = uint32() & 0xff
      return out
    },
    fork: (label) => seededRandom((seed ^ Math.imul(label + 1, 0x27d4eb2d)) >>> 0),
  }
}
