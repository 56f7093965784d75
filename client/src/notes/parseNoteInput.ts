import { RUBRIC_DIMENSIONS, type RubricDimensionId } from '@tradeoff/shared'

/** A note's signal as typed: `+` strength, `-` concern, `?` to probe. */
export type TypedSignal = '+' | '-' | '?'

/** What a typed note says, once its tag and signal are taken out of the text. */
export interface ParsedNoteInput {
  /** The text to store: tag and signal removed, spaces collapsed. */
  text: string
  /** The dimension a `#tag` named, or null when none was typed. */
  dimension: RubricDimensionId | null
  /** The signal typed as a standalone token at the start or the end, or null. */
  signal: TypedSignal | null
}

const SIGNAL_TOKENS: readonly string[] = ['+', '-', '?']
// `#cache`, `#failure-modes`, optionally followed by punctuation that stays in the text.
const TAG_TOKEN = /^#([A-Za-z][A-Za-z-]*)([,.;:!)]*)$/

/** The dimension a tag names: its short tag (`cache`) or its full id (`failure-modes`), any case. */
export function dimensionOfTag(tag: string): RubricDimensionId | null {
  const wanted = tag.toLowerCase()
  return RUBRIC_DIMENSIONS.find((d) => d.tag === wanted || d.id === wanted)?.id ?? null
}

/**
 * Reads a note as an interviewer types it, for instance `no retry on the queue #fail -`:
 * - the first `#tag` naming a rubric dimension sets the dimension; it and any other tag naming
 *   the same dimension leave the text. Unknown tags (`#1`) and tags of another dimension stay, so
 *   nothing typed is lost.
 * - a standalone `+`, `-` or `?` as the last token (or else the first) sets the signal and leaves
 *   the text; one glued to a word (`shard?`) is text.
 */
export function parseNoteInput(input: string): ParsedNoteInput {
  let tokens = input.split(/\s+/).filter((token) => token !== '')

  let dimension: RubricDimensionId | null = null
  const kept: string[] = []
  for (const token of tokens) {
    const match = TAG_TOKEN.exec(token)
    const named = match ? dimensionOfTag(match[1] ?? '') : null
    if (named && (dimension === null || dimension === named)) {
      dimension = named
      // Punctuation after the tag (`#cache,`) belongs to the sentence, not the tag.
      if (match?.[2]) attachPunctuation(kept, match[2])
      continue
    }
    kept.push(token)
  }
  tokens = kept

  let signal: TypedSignal | null = null
  const last = tokens.at(-1)
  const first = tokens[0]
  if (last !== undefined && SIGNAL_TOKENS.includes(last)) {
    signal = last as TypedSignal
    tokens = tokens.slice(0, -1)
  } else if (first !== undefined && SIGNAL_TOKENS.includes(first)) {
    signal = first as TypedSignal
    tokens = tokens.slice(1)
  }

  return { text: tokens.join(' '), dimension, signal }
}

function attachPunctuation(kept: string[], punctuation: string): void {
  const previous = kept.length - 1
  if (previous >= 0) kept[previous] += punctuation
}
