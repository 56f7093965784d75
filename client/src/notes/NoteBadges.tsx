import type { Note } from '@tradeoff/shared'
import { useMemo } from 'react'
import { type Editor, type TLShapeId, useValue } from 'tldraw'
import { summarizeShapeNotes } from './noteBadges'
import { signalInfo } from './signals'

interface NoteBadgesProps {
  editor: Editor
  notes: readonly Note[]
}

/**
 * A small count at the top-right corner of every shape that notes link, coloured by the latest
 * note's signal. Drawn over the canvas in this browser only, never as records of the board, so
 * nothing of the notes reaches the candidate. Follows the camera and the shapes as they move.
 */
export function NoteBadges({ editor, notes }: NoteBadgesProps) {
  const summaries = useMemo(() => summarizeShapeNotes(notes), [notes])
  const badges = useValue('note badges', () => {
    const page = editor.getCurrentPageId()
    const placed = []
    for (const [shapeId, summary] of summaries) {
      const id = shapeId as TLShapeId
      if (!editor.getShape(id) || editor.getAncestorPageId(id) !== page) continue
      const bounds = editor.getShapePageBounds(id)
      if (!bounds) continue
      const corner = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
      placed.push({ shapeId, x: corner.x, y: corner.y, ...summary })
    }
    return placed
  }, [editor, summaries])

  if (badges.length === 0) return null
  return (
    <div className="note-badges" aria-hidden="true">
      {badges.map((badge) => (
        <span
          key={badge.shapeId}
          className={`note-badge signal-${signalInfo(badge.signal).key}`}
          data-testid="note-badge"
          data-shape-id={badge.shapeId}
          data-count={badge.count}
          style={{ transform: `translate(${Math.round(badge.x)}px, ${Math.round(badge.y)}px)` }}
        >
          {badge.count}
        </span>
      ))}
    </div>
  )
}
