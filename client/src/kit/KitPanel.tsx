import { Calculator, ChevronLeft, ChevronRight, type LucideIcon, NotebookText } from 'lucide-react'
import { type PointerEvent as ReactPointerEvent, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { COMPONENT_ICONS } from '../shapes/componentIcons'
import { type KitItem, searchKit, shortcutLabel } from './kitItems'
import { placeKitItem } from './placeKitItem'
import './kit.css'

/** How far the pointer must move before a press on an item becomes a drag. */
const DRAG_THRESHOLD = 4

/** Below this window width the kit starts folded, leaving the room to the canvas. */
const OPEN_FROM_WIDTH = 1400

function iconOf(item: KitItem): LucideIcon {
  if (item.type === 'component') return COMPONENT_ICONS[item.id]
  return item.id === 'reference' ? NotebookText : Calculator
}

interface Drag {
  item: KitItem
  x: number
  y: number
}

/** Whether a screen point falls on the editor's canvas (not on the kit or another column). */
function overCanvas(editor: Editor, x: number, y: number): boolean {
  const box = editor.getContainer().getBoundingClientRect()
  return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom
}

/**
 * The kit: the architecture components, the estimate card and the reference card, searchable.
 * Click an item to place it at the centre of the view, or drag it onto the canvas to place it
 * where it is dropped. A column of its own beside the canvas (grid area `kit`), folding to a rail;
 * it starts folded on narrow windows.
 */
export function KitPanel({ editor }: { editor: Editor }) {
  const [open, setOpen] = useState(() => window.innerWidth >= OPEN_FROM_WIDTH)
  const [query, setQuery] = useState('')
  const [drag, setDrag] = useState<Drag | null>(null)
  const panel = useRef<HTMLElement>(null)
  const press = useRef<{ item: KitItem; x: number; y: number; dragging: boolean } | null>(null)
  const items = searchKit(query)

  const onPointerDown = (event: ReactPointerEvent, item: KitItem) => {
    if (event.button !== 0) return
    press.current = { item, x: event.clientX, y: event.clientY, dragging: false }
    const move = (e: PointerEvent) => {
      const p = press.current
      if (!p) return
      if (!p.dragging && Math.hypot(e.clientX - p.x, e.clientY - p.y) < DRAG_THRESHOLD) return
      p.dragging = true
      setDrag({ item: p.item, x: e.clientX, y: e.clientY })
    }
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
      const p = press.current
      press.current = null
      setDrag(null)
      if (!p) return
      if (!p.dragging) placeKitItem(editor, p.item)
      else if (overCanvas(editor, e.clientX, e.clientY))
        placeKitItem(editor, p.item, editor.screenToPage({ x: e.clientX, y: e.clientY }))
      // The keyboard goes back to the canvas (shortcuts, arrows), not the search box; a new
      // estimate card takes it itself.
      if (document.activeElement instanceof HTMLElement && panel.current?.contains(document.activeElement))
        document.activeElement.blur()
      if (p.item.id !== 'estimate') editor.focus()
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
  }

  if (!open) {
    return (
      <aside className="kit-panel kit-panel--folded" aria-label="Component kit">
        <button
          type="button"
          className="kit-fold"
          data-testid="kit-open"
          onClick={() => setOpen(true)}
          title="Show the component kit"
        >
          <ChevronRight size={16} aria-hidden />
          <span className="kit-rail-label">Kit</span>
        </button>
      </aside>
    )
  }

  return (
    <aside ref={panel} className="kit-panel" aria-label="Component kit" data-testid="kit-panel">
      <div className="kit-head">
        <h2>Kit</h2>
        <button type="button" className="kit-fold" onClick={() => setOpen(false)} title="Fold the kit">
          <ChevronLeft size={16} aria-hidden />
        </button>
      </div>
      <input
        className="kit-search"
        type="search"
        placeholder="Search: cache, kafka, s3…"
        aria-label="Search the kit"
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      <ul className="kit-items">
        {items.map((item) => {
          const Icon = iconOf(item)
          return (
            <li key={item.id}>
              <button
                type="button"
                className="kit-item"
                data-kit-item={item.id}
                title={`Click to place at the centre, or drag onto the canvas${item.kbd ? ` (${shortcutLabel(item.kbd)})` : ''}`}
                onPointerDown={(event) => onPointerDown(event, item)}
                // A click leaves the keyboard with the canvas (or the new card), not on the button.
                onMouseDown={(event) => event.preventDefault()}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault()
                    placeKitItem(editor, item)
                  }
                }}
              >
                <Icon size={18} aria-hidden />
                <span className="kit-item-name">{item.name}</span>
                {item.kbd ? <kbd>{shortcutLabel(item.kbd)}</kbd> : null}
              </button>
            </li>
          )
        })}
        {items.length === 0 ? <li className="kit-empty">Nothing matches “{query}”.</li> : null}
      </ul>
      {drag ? <DragGhost drag={drag} /> : null}
    </aside>
  )
}

function DragGhost({ drag }: { drag: Drag }) {
  const Icon = iconOf(drag.item)
  return (
    <div className="kit-ghost" style={{ left: drag.x, top: drag.y }} aria-hidden>
      <Icon size={22} />
      <span>{drag.item.name}</span>
    </div>
  )
}
