/**
 * How the estimate cards reach the evaluator (client/src/estimate/evaluate.ts): one place, so the
 * cards, their SVG export and the review's preview all show the same values. mathjs comes in a
 * chunk of its own, loaded the first time a card needs it, never before a room's first paint.
 */
import type { EstimateResult, EstimateRow, Evaluator } from '../estimate/evaluate'

export type { EstimateResult, EstimateRow, Evaluator }

let loaded: Evaluator | null = null

/** The evaluator, loaded on first use; later calls get the same one. */
export async function loadEstimateEvaluator(): Promise<Evaluator> {
  const { loadEvaluator } = await import('../estimate/evaluate')
  loaded = await loadEvaluator()
  return loaded
}

/** The evaluator if it has loaded already, else null: for drawings that cannot wait (the preview). */
export function evaluatorIfLoaded(): Evaluator | null {
  return loaded
}
