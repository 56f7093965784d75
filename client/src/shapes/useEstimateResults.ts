import { useEffect, useState } from 'react'
import { type EstimateResult, type EstimateRow, loadEstimateEvaluator } from './estimateEvaluator'

/**
 * The evaluated rows of a card, worked out in this browser as the rows change (the evaluator
 * loads on first use). Empty until the evaluator has loaded.
 */
export function useEstimateResults(rows: readonly EstimateRow[]): readonly EstimateResult[] {
  const [results, setResults] = useState<readonly EstimateResult[]>([])
  useEffect(() => {
    let current = true
    loadEstimateEvaluator().then(
      (evaluator) => {
        if (current) setResults(evaluator.evaluate(rows))
      },
      () => {
        if (current)
          setResults(
            rows.map(({ id }) => ({
              id,
              value: null,
              unit: null,
              display: null,
              error: 'the calculator did not load',
            })),
          )
      },
    )
    return () => {
      current = false
    }
  }, [rows])
  return results
}
