import {
  type EstimateResultsMeta,
  estimateRowsFingerprint,
  storedEstimateResults,
} from '@tradeoff/shared/shapes'
import { useEffect } from 'react'
import type { Editor, JsonObject, TLShape } from 'tldraw'
import { type EstimateResult, evaluatorIfLoaded } from './estimateEvaluator'

type EstimateShape = TLShape<'estimate'>

/**
 * Records on the card the values this browser shows for its rows (`meta.results`), so the report,
 * written by a server that never evaluates, can list them. Written once per set of rows, by the
 * first browser that evaluates them and may write (never a reviewer's, never after the round,
 * never while the card is being edited),
 * kept out of the undo stack. `shown` only says when the evaluator has given values.
 */
export function useRecordEstimateResults(
  editor: Editor,
  shape: EstimateShape,
  shown: readonly EstimateResult[],
  editing: boolean,
) {
  useEffect(() => {
    const evaluator = evaluatorIfLoaded()
    // Not while someone types into the card: once they leave it, its rows are final for now.
    if (editing || !evaluator || shown.length === 0 || editor.getIsReadonly()) return
    const { rows } = shape.props
    if (storedEstimateResults(shape.meta, rows)) return
    // Worked out again for the rows as they are now: `shown` may still be for the rows before.
    const values: EstimateResultsMeta['values'] = {}
    for (const result of evaluator.evaluate(rows))
      values[result.id] = { display: result.display, error: result.error }
    const results: EstimateResultsMeta = { for: estimateRowsFingerprint(rows), values }
    editor.run(
      () =>
        editor.updateShape<EstimateShape>({
          id: shape.id,
          type: 'estimate',
          meta: { ...shape.meta, results: results as unknown as JsonObject },
        }),
      { history: 'ignore' },
    )
  }, [editor, shape, shown, editing])
}
