/**
 * Numbers the way people say them in an interview: `2.3k`, `146`, `1.2M`, `0.012`. Counts above a
 * thousand take the suffixes the evaluator reads (k, M, B, T; see siSuffixes.ts), so a result can be
 * typed back as it is shown.
 *
 * - from 1 to 1,000 (and each suffix's mantissa): one decimal below 10, none from 10 (`2.3k`, `23k`,
 *   `146`);
 * - below 1: two significant digits (`0.5`, `0.012`);
 * - below 0.001 or from 1,000T: scientific with two significant digits (`1.2e-4`, `4.5e15`).
 */

const SUFFIXES = ['', 'k', 'M', 'B', 'T'] as const

/** Relative difference under which a rounded number is taken as exact (float noise, not rounding). */
const EXACT_WITHIN = 1e-9

/** A number said aloud: its text and whether the text is the number exactly (`3`) or rounded (`2.3k`). */
export interface SpokenNumber {
  text: string
  exact: boolean
}

/** Rounds a finite number to its spoken form; see the module comment for the rules. */
export function spokenNumber(value: number): SpokenNumber {
  if (value === 0) return { text: '0', exact: true }
  const sign = value < 0 ? '-' : ''
  const { text, rounded } = spokenMagnitude(Math.abs(value))
  const exact = Math.abs(rounded - Math.abs(value)) <= EXACT_WITHIN * Math.abs(value)
  return { text: sign + text, exact }
}

function spokenMagnitude(magnitude: number): { text: string; rounded: number } {
  if (magnitude < 1e-3 || magnitude >= 1e15) return scientific(magnitude)
  if (magnitude < 1) {
    const rounded = Number(magnitude.toPrecision(2))
    return { text: String(rounded), rounded }
  }
  let group = Math.min(Math.floor(Math.log10(magnitude) / 3), SUFFIXES.length - 1)
  let mantissa = roundMantissa(magnitude / 1000 ** group)
  // 999.7k rounds to 1000k: say 1M instead.
  if (mantissa >= 1000 && group < SUFFIXES.length - 1) {
    group += 1
    mantissa = roundMantissa(magnitude / 1000 ** group)
  }
  if (mantissa >= 1000) return scientific(magnitude)
  return { text: `${mantissa}${SUFFIXES[group]}`, rounded: mantissa * 1000 ** group }
}

function roundMantissa(mantissa: number): number {
  return mantissa >= 10 ? Math.round(mantissa) : Math.round(mantissa * 10) / 10
}

function scientific(magnitude: number): { text: string; rounded: number } {
  const [digits = '', exponent = '0'] = magnitude.toExponential(1).split('e')
  const mantissa = digits.replace(/\.0$/, '')
  return { text: `${mantissa}e${Number(exponent)}`, rounded: Number(`${mantissa}e${exponent}`) }
}
