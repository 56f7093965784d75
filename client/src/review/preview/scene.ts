/**
 * Turns a tldraw board (plain JSON records, tldraw 5.4.2 schema) into a paint list for the
 * preview renderer. Pure and DOM-free: everything that needs no text measuring is worked out
 * here (page transforms, outlines, arrow routes, colours, label paragraphs), so painting is a
 * straight walk over the list. Text is wrapped when painting, where it can be measured.
 *
 * Geometry follows tldraw's own shape utils (GeoShapeUtil and its path helpers, the arrow's
 * straight/curved/elbow info, DrawShapeUtil, LineShapeUtil…), simplified where noted.
 *
 * This module walks the records (pages, parents, order, hidden shapes, transforms) and assembles
 * the scene; the items are built by geoShapes.ts, strokes.ts and arrows.ts (arrow ends in
 * arrowTargets.ts, routes in arrowRoutes.ts) from the helpers in geometry.ts, paths.ts,
 * geoOutlines.ts and items.ts (the item types, re-exported here).
 */
import { type CheckedRecords, soundBoard } from '@tradeoff/shared/boardSoundness'
import { DEFAULT_LIMITS } from '@tradeoff/shared/limits'
import { componentItem, estimateItem } from './architectureItems'
import { arrowItem } from './arrows'
import { type ArrowBinding, type BindTarget, bindingOf, bindTargetOf, boxTarget } from './arrowTargets'
import { type Box, IDENTITY, localTransform, multiply, unionBox } from './geometry'
import { frameItem, geoItem, noteItem, placeholderItem, textItem } from './geoShapes'
import type { Clip, Context, HighlightItem, SceneItem } from './items'
import { type BoardRecordJson, num, propsOf, str } from './records'
import { drawItem, highlightItem, lineItem } from './strokes'

export type {
  ArrowBody,
  ArrowHead,
  ArrowItem,
  ArrowLabel,
  Clip,
  ComponentItem,
  EstimateItem,
  Fill,
  FrameItem,
  GeoItem,
  HighlightItem,
  Label,
  NoteItem,
  PlaceholderItem,
  SceneItem,
  StrokeItem,
  TextItem,
} from './items'
export type { BoardRecordJson } from './records'

// ---------------------------------------------------------------------------------------------
// Reading records

/** tldraw orders siblings by fractional index, compared as plain strings (sortByIndex). */
function byIndex(a: BoardRecordJson, b: BoardRecordJson): number {
  const ia = str(a.index, '')
  const ib = str(b.index, '')
  if (ia < ib) return -1
  if (ia > ib) return 1
  const da = str(a.id, '')
  const db = str(b.id, '')
  return da < db ? -1 : da > db ? 1 : 0
}

// ---------------------------------------------------------------------------------------------
// The scene

export interface PreviewScene {
  readonly pageId: string | null
  /** Shapes of the page on the board (groups included, hidden ones and their children not). */
  readonly shapeCount: number
  /** What to paint, back to front. */
  readonly items: readonly SceneItem[]
  /** Highlights, also painted first under everything (tldraw draws them twice). */
  readonly underlays: readonly HighlightItem[]
}

interface Board {
  readonly pages: BoardRecordJson[]
  readonly children: Map<string, BoardRecordJson[]>
  readonly bindings: Map<string, { start?: ArrowBinding; end?: ArrowBinding }>
}

function readBoard(records: Iterable<BoardRecordJson>, hidden: ReadonlySet<string> | undefined): Board {
  const pages: BoardRecordJson[] = []
  const children = new Map<string, BoardRecordJson[]>()
  const bindings = new Map<string, { start?: ArrowBinding; end?: ArrowBinding }>()
  for (const record of records) {
    switch (record.typeName) {
      case 'page':
        pages.push(record)
        break
      case 'shape': {
        if (typeof record.id !== 'string' || hidden?.has(record.id)) break
        const parentId = str(record.parentId, '')
        const siblings = children.get(parentId)
        if (siblings) siblings.push(record)
        else children.set(parentId, [record])
        break
      }
      case 'binding': {
        const b = bindingOf(record)
        if (!b || hidden?.has(b.binding.toId)) break
        const entry = bindings.get(b.arrowId) ?? {}
        entry[b.terminal] = b.binding
        bindings.set(b.arrowId, entry)
        break
      }
    }
  }
  return { pages, children, bindings }
}

function choosePage(pages: readonly BoardRecordJson[], pageId: string | null): string | null {
  if (pageId !== null) return pageId
  const first = [...pages].sort(byIndex)[0]
  return first ? str(first.id, '') : null
}

/** A shape's item, or null for groups and shapes drawn as nothing. */
function itemFor(record: BoardRecordJson, ctx: Context): SceneItem | null {
  const id = str(record.id, '')
  const props = propsOf(record)
  switch (record.type) {
    case 'geo':
      return geoItem(id, props, ctx)
    case 'note':
      return noteItem(id, props, ctx)
    case 'text':
      return textItem(id, props, ctx)
    case 'frame':
      return frameItem(id, props, ctx)
    case 'draw':
      return drawItem(id, props, ctx)
    case 'highlight':
      return highlightItem(id, props, ctx)
    case 'line':
      return lineItem(id, props, ctx)
    case 'component':
      return componentItem(id, props, ctx)
    case 'estimate':
      return estimateItem(id, props, ctx)
    case 'group':
      return null
    default:
      return placeholderItem(id, props, ctx)
  }
}

/** Records already found within the default bounds: most survive from one moment to the next. */
const WITHIN_BOUNDS: CheckedRecords = new WeakSet()

/**
 * Builds the paint list of page `pageId` (or, when null, of the first page by `index`) from every
 * record of the board (shapes, bindings, pages; other typeNames ignored). Shapes in `hidden` (ids)
 * are left out as if not on the board, with their children. Ordered like tldraw: page children
 * by fractional `index` (string compare), children of frames/groups right after their parent,
 * recursively.
 *
 * The board is first made safe as tldraw's canvas gets it (`soundBoard`): records out of bounds
 * are left out, and shapes whose parent is absent, loops or nesting too deep go to the first page,
 * so both drawings show the same board and neither can be made to hang.
 */
export function buildPreviewScene(
  records: Iterable<BoardRecordJson>,
  pageId: string | null,
  hidden?: ReadonlySet<string>,
): PreviewScene {
  const sound = soundBoard(records, DEFAULT_LIMITS, WITHIN_BOUNDS)
  const board = readBoard(sound.records.values(), hidden)
  const page = choosePage(board.pages, pageId)
  if (page === null) return { pageId: null, shapeCount: 0, items: [], underlays: [] }
  const slots: (SceneItem | null)[] = []
  // What arrows may bind to; outlines are only worked out for shapes an arrow is bound to.
  const bindable = new Map<string, { record: BoardRecordJson; item: SceneItem } | Box>()
  const targets = new Map<string, BindTarget | null>()
  const targetOf = (id: string): BindTarget | null => {
    let target = targets.get(id)
    if (target === undefined) {
      const source = bindable.get(id)
      target = !source
        ? null
        : 'record' in source
          ? bindTargetOf(source.record, source.item)
          : boxTarget(source, 0)
      targets.set(id, target)
    }
    return target
  }
  const arrows: { slot: number; record: BoardRecordJson; ctx: Context }[] = []
  let shapeCount = 0

  /** Adds a shape and its children; returns the page box of everything it drew. */
  const visit = (record: BoardRecordJson, parent: Context): Box | null => {
    shapeCount++
    const ctx: Context = {
      m: multiply(parent.m, localTransform(num(record.x, 0), num(record.y, 0), num(record.rotation, 0))),
      opacity: parent.opacity * Math.max(0, Math.min(1, num(record.opacity, 1))),
      clip: parent.clip,
    }
    const id = str(record.id, '')
    let box: Box | null = null
    if (record.type === 'arrow') {
      arrows.push({ slot: slots.length, record, ctx })
      slots.push(null)
    } else {
      const item = itemFor(record, ctx)
      slots.push(item)
      if (item) {
        box = item.box
        bindable.set(id, { record, item })
      }
    }
    const kids = board.children.get(id)
    if (kids) {
      const props = propsOf(record)
      const clip: Clip | null =
        record.type === 'frame'
          ? {
              m: ctx.m,
              w: Math.max(1, num(props.w, 320)),
              h: Math.max(1, num(props.h, 180)),
              parent: ctx.clip,
            }
          : ctx.clip
      kids.sort(byIndex)
      for (const kid of kids) {
        // Frames clip their children, except arrows (tldraw's shouldClipChild).
        const childBox = visit(kid, { ...ctx, clip: kid.type === 'arrow' ? ctx.clip : clip })
        if (childBox && record.type === 'group') box = unionBox(box, childBox)
      }
    }
    if (record.type === 'group' && box) bindable.set(id, box)
    return box
  }

  const root: Context = { m: IDENTITY, opacity: 1, clip: null }
  const top = board.children.get(page) ?? []
  top.sort(byIndex)
  for (const record of top) visit(record, root)
  for (const { slot, record, ctx } of arrows) {
    slots[slot] = arrowItem(record, ctx, board.bindings.get(str(record.id, '')), targetOf)
  }
  const items = slots.filter((item): item is SceneItem => item !== null)
  const underlays = items.filter((item): item is HighlightItem => item.kind === 'highlight')
  return { pageId: page, shapeCount, items, underlays }
}

/**
 * Page-space bounding box {x, y, w, h} of everything in the scene (rotation and parent transforms
 * applied; geo includes props.growY), or null when empty.
 */
export function sceneBounds(scene: PreviewScene): { x: number; y: number; w: number; h: number } | null {
  let box: Box | null = null
  for (const item of scene.items) box = unionBox(box, item.box)
  if (!box) return null
  return { x: box.minX, y: box.minY, w: box.maxX - box.minX, h: box.maxY - box.minY }
}
