import {
  type EstimateResultsMeta,
  estimateRowsFingerprint,
  storedEstimateResults,
} from '@tradeoff/shared/shapes'
import { useEffect, useRef } from 'react'
import type { Editor, JsonObject, TLShape } from 'tldraw'
import { evaluatorIfLoaded, loadEstimateEvaluator } from './estimateEvaluator'

type EstimateShape = TLShape<'estimate'>

/**
 * Records on the card the values this browser shows for its rows (`meta.results`), so the report,
 * written by a server that never evaluates, can list them.
 *
 * Only the browser that edited the card writes them, once, when its editing ends: the board keeps
 * whole records, so a write from anyone else while the card is being typed into would carry that
 * browser's older rows over the newer ones. Kept out of the undo stack; never by a reviewer or
 * after the round (the editor is read-only then).
 */
export function useRecordEstimateResults(editor: Editor, shape: EstimateShape, editing: boolean) {
  const wasEditing = useRef(false)
  useEffect(() => {
    const ended = wasEditing.current && !editing
    wasEditing.current = editing
    if (!ended) return
    void record(editor, shape.id)
  }, [editor, shape.id, editing])
}

async function record(editor: Editor, id: EstimateShape['id']): Promise<void> {
  const evaluator = evaluatorIfLoaded() ?? (await loadEstimateEvaluator().catch(() => null))
  const shape = editor.getShape<EstimateShape>(id)
  if (!evaluator || !shape || editor.getIsReadonly()) return
  const { rows } = shape.props
  if (storedEstimateResults(shape.meta, rows)) return
  const values: EstimateResultsMeta['values'] = {}
  for (const result of evaluator.evaluate(rows))
    values[result.id] = { display: result.display, error: result.error }
  const results: EstimateResultsMeta = { for: estimateRowsFingerprint(rows), values }
  editor.run(
    () =>
      editor.updateShape<EstimateShape>({
        id,
        type: 'estimate',
        meta: { ...shape.meta, results: results as unknown as JsonObject },
      }),
    { history: 'ignore' },
  )
}
