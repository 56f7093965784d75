import { COMPONENT_KINDS, type ComponentKind, isComponentKind } from './componentKinds'
import { storedEstimateResults } from './estimateResults'
import { richTextToPlain } from './richTextPlain'

/** One architecture component on the board: its kind, label (plain text) and caption. */
export interface ArchitectureComponent {
  id: string
  kind: ComponentKind
  label: string
  caption: string
}

/**
 * One estimate card as stored. The server never evaluates the expressions: `shown` is what a
 * browser showed for the row (its value or its error), when a browser recorded it for these rows.
 */
export interface ArchitectureEstimate {
  id: string
  title: string
  rows: { name: string; expr: string; shown: string | null }[]
}

/** The architecture drawn on a board: components counted by kind and listed, and estimates. */
export interface BoardArchitecture {
  /** How many components of each kind, in the kit's order; kinds absent from the board left out. */
  counts: { kind: ComponentKind; count: number }[]
  /** Every component, by kind (kit order), then label, then id. */
  components: ArchitectureComponent[]
  /** Every estimate card, by title, then id. */
  estimates: ArchitectureEstimate[]
}

type Json = Record<string, unknown>

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Reads the architecture off a board's records (plain JSON, as stored): `component` and
 * `estimate` shapes of every page. Forgiving of malformed records (they are skipped or read as
 * empty), since it may be given a board of any age.
 */
export function summarizeArchitecture(records: Iterable<unknown>): BoardArchitecture {
  const components: ArchitectureComponent[] = []
  const estimates: ArchitectureEstimate[] = []
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue
    const { typeName, type, id, props, meta } = record as Json
    if (typeName !== 'shape' || typeof id !== 'string' || typeof props !== 'object' || props === null)
      continue
    const p = props as Json
    if (type === 'component' && isComponentKind(p.kind)) {
      components.push({ id, kind: p.kind, label: richTextToPlain(p.richText), caption: text(p.caption) })
    } else if (type === 'estimate') {
      const rows = (Array.isArray(p.rows) ? p.rows : []).map((row) => {
        const r = (typeof row === 'object' && row !== null ? row : {}) as Json
        return { id: text(r.id), name: text(r.name), expr: text(r.expr) }
      })
      const values = storedEstimateResults(meta, rows)
      estimates.push({
        id,
        title: text(p.title),
        rows: rows.map((row) => {
          const value = values?.[row.id]
          const shown = value?.error ? `error: ${value.error}` : (value?.display ?? null)
          return { name: row.name, expr: row.expr, shown }
        }),
      })
    }
  }
  const order = (kind: ComponentKind) => COMPONENT_KINDS.indexOf(kind)
  components.sort(
    (a, b) => order(a.kind) - order(b.kind) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
  )
  estimates.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
  const counts: BoardArchitecture['counts'] = []
  for (const kind of COMPONENT_KINDS) {
    const count = components.filter((c) => c.kind === kind).length
    if (count > 0) counts.push({ kind, count })
  }
  return { counts, components, estimates }
}
