/** Reading tldraw records as plain JSON: the record type and forgiving accessors for its fields. */

/** A tldraw record as plain JSON: {id, typeName, type, x, y, rotation, index, parentId, opacity, props, meta, ...}. */
export type BoardRecordJson = Record<string, unknown>

export type Props = Record<string, unknown>

export function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

export function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

export function propsOf(record: BoardRecordJson): Props {
  const props = record.props
  return typeof props === 'object' && props !== null ? (props as Props) : {}
}
