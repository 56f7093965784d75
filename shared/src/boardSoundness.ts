/**
 * The board as a whole, not record by record: every shape sits on a page, directly or through
 * parent shapes (never through itself), no deeper than a bound; every binding joins two shapes
 * that are there. tldraw walks these links without guarding against a loop, so one bad link can
 * hang every reader.
 *
 * Two uses. The server refuses an update that would break these rules (`boardChangeProblem`,
 * which looks only at what the update touches). Readers cannot rely on that alone: two honest
 * updates sent at the same moment may merge into a board that breaks them (one person deletes a
 * frame while another moves a shape into it), and boards recorded earlier were not checked. So
 * every client puts a board through `soundBoard` before tldraw sees it.
 */
import { type JsonBounds, jsonBoundsProblem, type RecordLimits, recordBounds } from './jsonBounds'

/** The limits a whole board is held to (see `shared/src/limits.ts`). */
export interface BoardLimits extends RecordLimits {
  /** Shapes one shape may sit inside, counting itself: a shape on the page is at depth 1. */
  maxShapeNesting: number
}

type Json = Record<string, unknown>

const PAGE_PREFIX = 'page:'

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined
}

const isType = (value: unknown, typeName: string) => asObject(value)?.typeName === typeName

/**
 * The ids a board record points at: a shape its `parentId`, a binding its `fromId` and `toId`.
 * Other records point at nothing that could leave a reader stranded.
 */
export function referencesOf(record: unknown): string[] {
  const json = asObject(record)
  if (!json) return []
  if (json.typeName === 'shape') return typeof json.parentId === 'string' ? [json.parentId] : []
  if (json.typeName !== 'binding') return []
  return [json.fromId, json.toId].filter((id): id is string => typeof id === 'string')
}

/** The board before and after one update, as the server sees it without applying the update. */
export interface BoardChangeView {
  /** The record with this id once the update applied, or undefined when there is none. */
  record(id: string): unknown
  /** The record with this id before the update, or undefined. */
  recordBefore(id: string): unknown
  /**
   * The ids that pointed at `id` before the update (see `referencesOf`). More is fine, each is
   * checked again; fewer is not.
   */
  referrersBefore(id: string): Iterable<string>
  /** Whether the board holds any page once the update applied. */
  hasPages(): boolean
  /**
   * Whether a record with this id was on the board once and was deleted since. A reference to it
   * comes from an honest race (the writer had not yet heard of the deletion), not a forgery.
   */
  wasDeleted(id: string): boolean
}

/** What one update does to the board: the ids it writes and the ids it deletes. */
export interface BoardChange {
  written: Iterable<string>
  deleted: Iterable<string>
}

/**
 * What is unsound about the board once `change` applied, in a few words, or null when nothing is.
 * Refused: a written shape whose parent never was a page or a shape on the board, that would be
 * its own ancestor, or that would sit (or make shapes under it sit) deeper than `maxShapeNesting`;
 * a written binding whose ends never were shapes on the board.
 *
 * Not refused, because honest people cause them by racing, and repaired by the server right after
 * the update (see `boardRepairs`): a parent or binding end that was deleted since (one person
 * deletes a frame while another moves a shape into it), and deleting a record that others still
 * point at (tldraw deletes a frame's children and an arrow's bindings in the same batch, so the
 * ones left were added by someone else at the same moment).
 *
 * A shape may sit on a page that is absent only while the board has no page at all: a fresh
 * board receives the page tldraw creates by default from the first browser that opens it.
 *
 * Only what the update touches is walked: the parents of written shapes, the shapes under a
 * re-parented one, the records that pointed at a deleted one. Earlier problems elsewhere on the
 * board do not block an update that does not touch them.
 */
export function boardChangeProblem(
  view: BoardChangeView,
  change: BoardChange,
  limits: Pick<BoardLimits, 'maxShapeNesting'>,
): string | null {
  const depths = new Map<string, number>()
  const walked = new Set<string>()
  for (const id of change.written) {
    const record = asObject(view.record(id))
    if (record?.typeName === 'shape') {
      const problem = placementProblem(view, id, limits.maxShapeNesting, depths)
      if (problem) return problem
      const before = asObject(view.recordBefore(id))
      if (before?.parentId !== record.parentId) {
        const under = nestingBelowProblem(view, id, depths.get(id) ?? 1, limits.maxShapeNesting, walked)
        if (under) return under
      }
    } else if (record?.typeName === 'binding') {
      for (const end of [String(record.fromId), String(record.toId)]) {
        if (!isType(view.record(end), 'shape') && !view.wasDeleted(end))
          return 'a binding joins a shape that is not on the board'
      }
    }
  }
  return null
}

/** What the server writes after an update so the board is sound again (see `boardRepairs`). */
export interface BoardRepairs {
  /** Shapes put back on a page, as they must now be stored. */
  write: Json[]
  /** Bindings whose ends are gone. */
  remove: string[]
}

/** The board as it is now, for `boardRepairs`. */
export interface BoardNow {
  record(id: string): unknown
  /** The ids that point at `id` now (see `referencesOf`); more is fine. */
  referrersOf(id: string): Iterable<string>
  /** The page that stranded shapes go to, or null when the board has none. */
  firstPage(): string | null
}

/**
 * What to write so that the records an update touched are sound again, after honest races: a
 * shape whose parent is gone goes to the first page (keeping its coordinates), and a binding
 * whose end is gone is removed. `touched` holds the ids the update wrote or deleted; the records
 * that point at deleted ones are checked too. Loops are never repaired here: they are refused.
 */
export function boardRepairs(board: BoardNow, touched: Iterable<string>): BoardRepairs {
  const repairs: BoardRepairs = { write: [], remove: [] }
  const seen = new Set<string>()
  const check = (id: string) => {
    if (seen.has(id)) return
    seen.add(id)
    const record = asObject(board.record(id))
    if (record?.typeName === 'shape' && typeof record.parentId === 'string') {
      const parent = board.record(record.parentId)
      if (isType(parent, 'page') || isType(parent, 'shape')) return
      const page = board.firstPage()
      if (page !== null && page !== record.parentId) repairs.write.push({ ...record, parentId: page })
    } else if (record?.typeName === 'binding') {
      if (
        !isType(board.record(String(record.fromId)), 'shape') ||
        !isType(board.record(String(record.toId)), 'shape')
      )
        repairs.remove.push(id)
    }
  }
  for (const id of touched) {
    check(id)
    if (board.record(id) === undefined) for (const referrer of board.referrersOf(id)) check(referrer)
  }
  return repairs
}

/**
 * Walks from shape `id` up to its page, remembering the depth of every shape passed in `depths`
 * (so shapes sharing parents are walked once per update).
 */
function placementProblem(
  view: BoardChangeView,
  id: string,
  maxNesting: number,
  depths: Map<string, number>,
): string | null {
  const path: string[] = []
  const onPath = new Set<string>()
  let current = id
  let base = depths.get(current)
  while (base === undefined) {
    path.push(current)
    onPath.add(current)
    if (path.length > maxNesting) return `a shape would sit deeper than ${maxNesting} shapes`
    const parentId = asObject(view.record(current))?.parentId
    if (typeof parentId !== 'string') return 'a shape has no parent'
    const parent = view.record(parentId)
    if (isType(parent, 'page')) base = 0
    else if (parent === undefined && parentId.startsWith(PAGE_PREFIX) && !view.hasPages()) base = 0
    // Deleted while this writer was not yet told: placed on a page by the server's repair.
    else if (parent === undefined && view.wasDeleted(parentId)) base = 0
    else if (!isType(parent, 'shape'))
      return 'a shape has a parent that is not a page or a shape on the board'
    else if (onPath.has(parentId)) return 'a shape would be its own ancestor'
    else {
      current = parentId
      base = depths.get(current)
    }
  }
  for (let index = path.length - 1; index >= 0; index--) {
    base += 1
    if (base > maxNesting) return `a shape would sit deeper than ${maxNesting} shapes`
    depths.set(path[index] as string, base)
  }
  return null
}

/** Checks that the shapes under `id` (at `depth`) stay within the nesting bound. */
function nestingBelowProblem(
  view: BoardChangeView,
  id: string,
  depth: number,
  maxNesting: number,
  walked: Set<string>,
): string | null {
  const stack = [{ id, depth }]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    for (const childId of view.referrersBefore(next.id)) {
      if (walked.has(childId)) continue
      const child = asObject(view.record(childId))
      if (child?.typeName !== 'shape' || child.parentId !== next.id) continue
      walked.add(childId)
      if (next.depth + 1 > maxNesting) return `a shape would sit deeper than ${maxNesting} shapes`
      stack.push({ id: childId, depth: next.depth + 1 })
    }
  }
  return null
}

/** A record `soundBoard` left out, and why. */
export interface UnsoundRecord {
  id: string
  reason: string
}

/** A board made safe to hand to tldraw. */
export interface SoundBoard {
  /** The records to show, by id; a shape that could not stay where it was is a copy on a page. */
  records: Map<string, Json>
  /** Shapes moved to the board's first page: an absent parent, a loop, or nesting too deep. */
  moved: UnsoundRecord[]
  /** Records left out: out of bounds, not a record, or a binding to a shape that is not shown. */
  skipped: UnsoundRecord[]
}

/**
 * Remembers which record objects already passed the bounds of one set of limits, so a board
 * checked again after a small change only walks what changed. Keep one per set of limits.
 */
export type CheckedRecords = WeakSet<object>

/**
 * The part of a board that is safe to hand to tldraw, for any board, however it was made.
 *
 * - A record out of `limits` (nesting, string length, non-finite or huge numbers) is left out.
 * - A shape whose parent is absent, that is its own ancestor (itself or through a loop), or that
 *   sits deeper than `maxShapeNesting`, is moved to the board's first page (by `index`), keeping
 *   its coordinates; the shapes under it follow it. A loop loses one link, not all its shapes.
 *   With no page at all, shapes whose parent is a shape that is not there are left out.
 * - A binding whose ends are not both shown is left out.
 *
 * Records that are not objects with a string `id` are skipped. Takes one pass over the board; a
 * record that keeps its place is the same object in the answer. `checked` (optional) spares
 * walking records already known to be within bounds.
 */
export function soundBoard(
  records: Iterable<unknown>,
  limits: BoardLimits,
  checked?: CheckedRecords,
): SoundBoard {
  const bounds = recordBounds(limits)
  const skipped: UnsoundRecord[] = []
  const candidates = new Map<string, Json>()
  const pages: Json[] = []
  for (const value of records) {
    const record = asObject(value)
    if (!record || typeof record.id !== 'string') {
      skipped.push({ id: String(record?.id ?? '?'), reason: 'not a record' })
      continue
    }
    const problem = withinBounds(record, bounds, checked)
    if (problem) skipped.push({ id: record.id, reason: problem })
    else {
      candidates.set(record.id, record)
      if (record.typeName === 'page') pages.push(record)
    }
  }
  const fallbackPage = firstPage(pages)
  const placement = placeShapes(candidates, fallbackPage, pages.length > 0, limits.maxShapeNesting)

  const shown = new Map<string, Json>()
  const moved: UnsoundRecord[] = []
  for (const [id, record] of candidates) {
    if (record.typeName !== 'shape') continue
    const place = placement.get(id)
    if (!place || place.skipped) skipped.push({ id, reason: place?.reason ?? 'not placed' })
    else if (place.reason !== null && fallbackPage !== null) {
      shown.set(id, { ...record, parentId: fallbackPage })
      moved.push({ id, reason: place.reason })
    } else shown.set(id, record)
  }
  for (const [id, record] of candidates) {
    if (record.typeName === 'shape') continue
    if (
      record.typeName === 'binding' &&
      !(shown.has(String(record.fromId)) && shown.has(String(record.toId)))
    ) {
      skipped.push({ id, reason: 'a binding joins a shape that is not shown' })
      continue
    }
    shown.set(id, record)
  }
  return { records: shown, moved, skipped }
}

function withinBounds(record: Json, bounds: JsonBounds, checked: CheckedRecords | undefined): string | null {
  if (checked?.has(record)) return null
  const problem = jsonBoundsProblem(record, bounds)
  if (problem === null) checked?.add(record)
  return problem
}

function firstPage(pages: readonly Json[]): string | null {
  let first: Json | null = null
  for (const page of pages) {
    const index = String(page.index ?? '')
    const firstIndex = String(first?.index ?? '')
    if (!first || index < firstIndex || (index === firstIndex && String(page.id) < String(first.id)))
      first = page
  }
  return first ? String(first.id) : null
}

interface Place {
  /** Depth under the page once placed (1: on the page). */
  depth: number
  /** Why the shape cannot stay under its parent, or null when it stays. */
  reason: string | null
  /** Left out: it cannot stay and there is no page to move it to. */
  skipped: boolean
}

/**
 * Places every shape: walks up from each one until a page, a shape already placed, or a problem;
 * then settles the shapes walked, from the top down. Each shape is walked once.
 */
function placeShapes(
  records: ReadonlyMap<string, Json>,
  fallbackPage: string | null,
  hasPages: boolean,
  maxNesting: number,
): Map<string, Place> {
  const placed = new Map<string, Place>()
  const cannotStay = (reason: string): Place =>
    fallbackPage === null ? { depth: 0, reason, skipped: true } : { depth: 1, reason, skipped: false }

  for (const [start, record] of records) {
    if (record.typeName !== 'shape' || placed.has(start)) continue
    const path: string[] = []
    const onPath = new Set<string>()
    let current = start
    let above: Place | null = null
    for (;;) {
      path.push(current)
      onPath.add(current)
      const parentId = records.get(current)?.parentId
      const parent = typeof parentId === 'string' ? records.get(parentId) : undefined
      let problem: string | null = null
      if (typeof parentId !== 'string') problem = 'no parent'
      else if (parent?.typeName === 'page') above = { depth: 0, reason: null, skipped: false }
      else if (parent === undefined && parentId.startsWith(PAGE_PREFIX) && !hasPages)
        above = { depth: 0, reason: null, skipped: false }
      else if (parent?.typeName !== 'shape') problem = 'its parent is not on the board'
      else if (onPath.has(parentId)) problem = 'it is its own ancestor'
      else above = placed.get(parentId) ?? null
      if (problem !== null) {
        // The top of the walk cannot stay: it moves to the page, the rest settle under it.
        path.pop()
        const top = cannotStay(problem)
        placed.set(current, top)
        above = top
        break
      }
      if (above !== null) break
      current = parentId as string
    }
    for (let index = path.length - 1; index >= 0; index--) {
      const id = path[index] as string
      let place: Place
      if (above.skipped) place = { depth: 0, reason: 'its parent is not shown', skipped: true }
      else if (above.depth + 1 > maxNesting) place = cannotStay(`nested deeper than ${maxNesting} shapes`)
      else place = { depth: above.depth + 1, reason: null, skipped: false }
      placed.set(id, place)
      above = place
    }
  }
  return placed
}
