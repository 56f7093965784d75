import { richTextToPlain } from '@tradeoff/shared/architecture'
import { useState } from 'react'
import { stopEventPropagation, type TLShape, toRichText, useEditor, useValue } from 'tldraw'

type ArrowShape = TLShape<'arrow'>

/** Half the control's widest width (its CSS max-width), to keep it on the canvas. */
const CONTROL_HALF_WIDTH = 230

/** The labels a data flow most often carries. */
export const FLOW_PRESETS = ['read', 'write', 'publish', 'subscribe', 'replicate'] as const

/**
 * Over the canvas, beside the one selected arrow: mark it synchronous (solid) or asynchronous
 * (dashed), and label it with a preset or typed text, each in one move (one undo step). Shown
 * only while the arrow is selected and idle (not while it is dragged or its label edited).
 */
export function DataFlowControl() {
  const editor = useEditor()
  const arrow = useValue('flow arrow', () => {
    const shape = editor.getOnlySelectedShape()
    if (shape?.type !== 'arrow' || editor.getIsReadonly()) return null
    if (!editor.isIn('select.idle')) return null
    return shape as ArrowShape
  }, [editor])
  const anchor = useValue('flow anchor', () => {
    if (!arrow) return null
    const bounds = editor.getShapePageBounds(arrow.id)
    if (!bounds) return null
    const top = editor.pageToViewport({ x: bounds.midX, y: bounds.minY })
    const bottom = editor.pageToViewport({ x: bounds.midX, y: bounds.maxY })
    // Above the arrow, or below it when there is no room above; kept inside the canvas sideways.
    const width = editor.getViewportScreenBounds().w
    const half = Math.min(CONTROL_HALF_WIDTH, width / 2)
    const x = Math.min(Math.max(top.x, half), width - half)
    return top.y > 70 ? { x, y: top.y - 10, below: false } : { x, y: bottom.y + 10, below: true }
  }, [editor, arrow])
  if (!arrow || !anchor) return null
  return <FlowButtons key={arrow.id} arrow={arrow} anchor={anchor} />
}

function FlowButtons({
  arrow,
  anchor,
}: {
  arrow: ArrowShape
  anchor: { x: number; y: number; below: boolean }
}) {
  const editor = useEditor()
  const label = richTextToPlain(arrow.props.richText)
  const [typed, setTyped] = useState('')
  const update = (props: Partial<ArrowShape['props']>, what: string) => {
    editor.markHistoryStoppingPoint(what)
    editor.updateShape<ArrowShape>({ id: arrow.id, type: 'arrow', props })
  }
  const setLabel = (text: string) => update({ richText: toRichText(text) }, 'label flow')
  const sync = arrow.props.dash !== 'dashed' && arrow.props.dash !== 'dotted'
  return (
    <div
      className="dataflow-control"
      data-testid="dataflow-control"
      style={{ left: anchor.x, top: anchor.y, transform: anchor.below ? 'translate(-50%, 0)' : undefined }}
      onPointerDown={stopEventPropagation}
      onPointerUp={stopEventPropagation}
    >
      <button type="button" aria-pressed={sync} onClick={() => update({ dash: 'solid' }, 'flow sync')}>
        Sync
      </button>
      <button type="button" aria-pressed={!sync} onClick={() => update({ dash: 'dashed' }, 'flow async')}>
        Async
      </button>
      <span className="dataflow-sep" />
      {FLOW_PRESETS.map((preset) => (
        <button key={preset} type="button" aria-pressed={label === preset} onClick={() => setLabel(preset)}>
          {preset}
        </button>
      ))}
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (typed.trim()) setLabel(typed.trim())
          setTyped('')
        }}
      >
        <input
          aria-label="Flow label"
          placeholder="label…"
          maxLength={80}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          onKeyDown={(event) => event.stopPropagation()}
        />
      </form>
    </div>
  )
}
