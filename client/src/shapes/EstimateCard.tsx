import { ESTIMATE_LIMITS, type EstimateRow } from '@tradeoff/shared/shapes'
import { type KeyboardEvent, useEffect, useRef } from 'react'
import { type Editor, stopEventPropagation, type TLShape, uniqueId } from 'tldraw'
import type { EstimateResult } from './estimateEvaluator'
import { ESTIMATE_EDIT_FOOTER, estimateHeight, estimateRowText } from './estimateLook'
import { useEstimateResults } from './useEstimateResults'
import { useRecordEstimateResults } from './useRecordEstimateResults'

type EstimateShape = TLShape<'estimate'>

interface EstimateCardProps {
  editor: Editor
  shape: EstimateShape
  editing: boolean
  colors: { stroke: string; fill: string; title: string; text: string; muted: string; error: string }
}

/** What a row's value cell shows: the value, the row's error, or nothing yet. */
function ValueCell({ result }: { result: EstimateResult | undefined }) {
  if (result?.error) {
    return (
      <span className="estimate-card__error" title={result.error}>
        {result.error}
      </span>
    )
  }
  return <span className="estimate-card__value">{result?.display ?? ''}</span>
}

/**
 * An estimate card on the canvas: the title and the rows with their values, evaluated in this
 * browser as the rows change. While the card is edited (double-click), the title and each row's
 * name and expression are inputs; every keystroke is written to the shape, so the others see
 * the card, and its values, as it is typed.
 */
export function EstimateCard({ editor, shape, editing, colors }: EstimateCardProps) {
  const { title, rows, w, h } = shape.props
  const results = useEstimateResults(rows)
  useRecordEstimateResults(editor, shape, editing)
  const byId = new Map(results.map((r) => [r.id, r]))
  const focusRow = useRef<string | null>(null)
  const cardRef = useRef<HTMLDivElement>(null)

  // Editing starts on the first row still without a name (a new card's), else on the title. A
  // double-click that started the editing is still under way (its last mouse events would move
  // the focus back to the canvas), so the caret is placed again once the pointer is released.
  useEffect(() => {
    if (!editing) return
    // One undo takes back what was typed in this editing, not the card's creation with it.
    editor.markHistoryStoppingPoint('edit estimate')
    const focusFirst = () => {
      const card = cardRef.current
      if (!card || card.contains(document.activeElement)) return
      const inputs = [...card.querySelectorAll<HTMLInputElement>('input')]
      const unnamed = inputs.find((input) => input.classList.contains('estimate-card__name') && !input.value)
      ;(unnamed ?? inputs[0])?.focus()
    }
    focusFirst()
    let frame = 0
    const afterRelease = () => {
      frame = requestAnimationFrame(focusFirst)
    }
    window.addEventListener('pointerup', afterRelease, { once: true })
    return () => {
      window.removeEventListener('pointerup', afterRelease)
      cancelAnimationFrame(frame)
    }
  }, [editing, editor])

  // A row added by Enter gets the caret.
  useEffect(() => {
    if (!focusRow.current) return
    const input = cardRef.current?.querySelector<HTMLInputElement>(`[data-row="${focusRow.current}"] input`)
    input?.focus()
    focusRow.current = null
  })

  const write = (props: Partial<EstimateShape['props']>) => {
    const needed = estimateHeight((props.rows ?? rows).length)
    // A card sized to its rows stays so; one made taller by hand keeps its height unless too short.
    const fitted = h <= estimateHeight(rows.length)
    editor.updateShape<EstimateShape>({
      id: shape.id,
      type: 'estimate',
      props: { ...props, h: fitted ? needed : Math.max(h, needed) },
    })
  }
  const setRow = (id: string, change: Partial<EstimateRow>) =>
    write({ rows: rows.map((row) => (row.id === id ? { ...row, ...change } : row)) })
  const addRow = (after: number) => {
    if (rows.length >= ESTIMATE_LIMITS.rowsMax) return
    const row = { id: uniqueId(), name: '', expr: '' }
    focusRow.current = row.id
    write({ rows: [...rows.slice(0, after + 1), row, ...rows.slice(after + 1)] })
  }
  const removeRow = (id: string) => write({ rows: rows.filter((row) => row.id !== id) })
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      addRow(index)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      editor.setEditingShape(null)
    }
    event.stopPropagation()
  }

  return (
    <div
      ref={cardRef}
      className="estimate-card"
      data-editing={editing}
      style={{
        width: w,
        height: editing ? h + ESTIMATE_EDIT_FOOTER : h,
        background: colors.fill,
        borderColor: colors.stroke,
        color: colors.text,
        ['--estimate-muted' as string]: colors.muted,
        ['--estimate-error' as string]: colors.error,
      }}
      onPointerDown={editing ? stopEventPropagation : undefined}
    >
      <div className="estimate-card__title" style={{ background: colors.title }}>
        {editing ? (
          <input
            aria-label="Estimate title"
            value={title}
            maxLength={ESTIMATE_LIMITS.titleMax}
            placeholder="Estimate"
            onChange={(event) => write({ title: event.currentTarget.value })}
            onKeyDown={(event) => onKeyDown(event, -1)}
          />
        ) : (
          <span>{title || 'Estimate'}</span>
        )}
      </div>
      <ol className="estimate-card__rows">
        {rows.map((row, index) => (
          <li key={row.id} data-row={row.id} className="estimate-card__row">
            {editing ? (
              <span className="estimate-card__inputs">
                <input
                  aria-label={`Row ${index + 1} name`}
                  className="estimate-card__name"
                  value={row.name}
                  maxLength={ESTIMATE_LIMITS.nameMax}
                  placeholder="name"
                  onChange={(event) => setRow(row.id, { name: event.currentTarget.value })}
                  onKeyDown={(event) => onKeyDown(event, index)}
                />
                <span className="estimate-card__equals">=</span>
                <input
                  aria-label={`Row ${index + 1} expression`}
                  className="estimate-card__expr"
                  value={row.expr}
                  maxLength={ESTIMATE_LIMITS.exprMax}
                  placeholder="2 kB * 1000 / s"
                  onChange={(event) => setRow(row.id, { expr: event.currentTarget.value })}
                  onKeyDown={(event) => onKeyDown(event, index)}
                />
              </span>
            ) : (
              <span className="estimate-card__text">{estimateRowText(row.name, row.expr)}</span>
            )}
            <ValueCell result={byId.get(row.id)} />
            {editing ? (
              <button
                type="button"
                className="estimate-card__remove"
                aria-label={`Remove row ${index + 1}`}
                onClick={() => removeRow(row.id)}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {editing && rows.length < ESTIMATE_LIMITS.rowsMax ? (
        <button type="button" className="estimate-card__add" onClick={() => addRow(rows.length - 1)}>
          + Row
        </button>
      ) : null}
    </div>
  )
}
