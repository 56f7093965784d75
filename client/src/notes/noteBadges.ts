import type { Note } from '@tradeoff/shared'
import { compareNotes, type NoteSignal } from './noteModel'

/** What the badge of one shape shows: how many notes link it, and the latest one's signal. */
export interface ShapeNoteSummary {
  count: number
  signal: NoteSignal
}

/** The badge of every shape that notes link, by shape id. */
export function summarizeShapeNotes(notes: readonly Note[]): Map<string, ShapeNoteSummary> {
  const byShape = new Map<string, ShapeNoteSummary>()
  for (const note of [...notes].sort(compareNotes)) {
    for (const shapeId of new Set(note.shapeIds)) {
      const previous = byShape.get(shapeId)
      byShape.set(shapeId, { count: (previous?.count ?? 0) + 1, signal: note.signal })
    }
  }
  return byShape
}
