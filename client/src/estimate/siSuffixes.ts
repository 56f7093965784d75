/**
 * Spoken-number suffixes on plain counts: `10M users`, `2.5k`, `1B`, `3T`.
 *
 * mathjs reads `10M` as "10 times M" and has no M, so the suffix is expanded before parsing. A suffix
 * counts only when it touches the number and ends the word:
 *
 * - `k` or `K` thousand, `M` million, `B` billion, `T` trillion: `1B` is a billion, `1.5k` 1,500.
 * - With a space, the letter is a unit again: `1 B` is one byte, `1 K` one kelvin, `1 T` one tesla.
 * - Followed by more letters it is a unit too: `10MB` is ten megabytes, `2KB` two kilobytes.
 * - Inside a name (`x2k`) or after an exponent (`1e3k`) nothing is expanded.
 */

const SUFFIX_EXPONENT: Readonly<Record<string, number>> = { k: 3, K: 3, M: 6, B: 9, T: 12 }

// A number not preceded by a word character or a dot (so not part of a name or of `1.2.3`), then one
// suffix letter, then anything but a word character. The `e` of an exponent is a word character,
// so `1e3k` is left alone and mathjs reports it.
const SUFFIXED_NUMBER = /(?<![\w.])(\d+(?:\.\d+)?)([kKMBT])(?![\w.])/g

/** Rewrites `10M` as `10e6` (and so on) wherever a suffix touches a number; see the module comment. */
export function expandSiSuffixes(expression: string): string {
  return expression.replace(SUFFIXED_NUMBER, (_match, digits: string, suffix: string) => {
    return `${digits}e${SUFFIX_EXPONENT[suffix]}`
  })
}
