import { COMPONENT_KIND_NAMES } from '@tradeoff/shared/architecture'
import { createShapeId, type Editor, toRichText, uniqueId, type VecLike } from 'tldraw'
import { LATENCY_FIGURES, POWERS_OF_TWO, REFERENCE_CARD_TITLE } from '../estimate/referenceCard'
import { COMPONENT_SIZE } from '../shapes/componentLook'
import { ESTIMATE_WIDTH, estimateHeight } from '../shapes/estimateLook'
import type { KitItem } from './kitItems'

/** The reference card as estimate rows: latencies, then the powers of two, each evaluated. */
function referenceRows() {
  return [
    ...LATENCY_FIGURES.map(({ name, expr }) => ({ id: `latency-${name}`, name, expr })),
    ...POWERS_OF_TWO.map(({ power }) => ({ id: `power-${power}`, name: '', expr: `2^${power}` })),
  ]
}

/** Where a shape placed at the centre goes: a step down and right of any shape centred there already. */
function freeSpotNear(editor: Editor, centre: VecLike): VecLike {
  const step = 32
  let spot = { x: centre.x, y: centre.y }
  const centres = editor.getCurrentPageShapes().map((shape) => editor.getShapePageBounds(shape)?.center)
  for (let i = 0; i < 12; i++) {
    const taken = centres.some(
      (c) => c && Math.abs(c.x - spot.x) < step / 2 && Math.abs(c.y - spot.y) < step / 2,
    )
    if (!taken) break
    spot = { x: spot.x + step, y: spot.y + step }
  }
  return spot
}

/**
 * Puts a kit item on the current page, centred on `at` (page coordinates; the viewport's centre
 * when not given), selects it, and for a new estimate starts editing it so its first row takes the
 * typing. One undo step.
 */
export function placeKitItem(editor: Editor, item: KitItem, at?: VecLike): void {
  if (editor.getIsReadonly()) return
  const point = at ?? freeSpotNear(editor, editor.getViewportPageBounds().center)
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`place ${item.id}`)
  if (item.type === 'component') {
    editor.createShape({
      id,
      type: 'component',
      x: point.x - COMPONENT_SIZE.w / 2,
      y: point.y - COMPONENT_SIZE.h / 2,
      props: { kind: item.id, richText: toRichText(COMPONENT_KIND_NAMES[item.id]) },
    })
    editor.select(id)
    return
  }
  const rows = item.id === 'reference' ? referenceRows() : [{ id: uniqueId(), name: '', expr: '' }]
  const h = estimateHeight(rows.length)
  editor.createShape({
    id,
    type: 'estimate',
    x: point.x - ESTIMATE_WIDTH / 2,
    y: point.y - h / 2,
    props: { w: ESTIMATE_WIDTH, h, title: item.id === 'reference' ? REFERENCE_CARD_TITLE : 'Estimate', rows },
  })
  editor.select(id)
  if (item.id === 'estimate') editor.setEditingShape(id)
}
