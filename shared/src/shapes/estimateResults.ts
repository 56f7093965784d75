/**
 * The values of an estimate card as a browser worked them out, kept in the shape's `meta.results`
 * so that what never evaluates (the server, its report) can still list them.
 *
 * Every browser computes the same values from the same rows, so one write is enough: a browser
 * writes only when the card holds no values for its current rows (`for`, a fingerprint of the
 * rows). Two browsers that disagree (two builds of the evaluator) therefore never overwrite each
 * other in a loop. Values are display text only; nothing reads them as numbers.
 */
export interface EstimateResultsMeta {
  /** `estimateRowsFingerprint` of the rows these values belong to. */
  for: string
  /** By row id: what the card shows for it (`≈ 2.3k msg/s`) or the row's error. */
  values: Record<string, { display: string | null; error: string | null }>
}

/** One row as the fingerprint sees it. */
interface RowText {
  id: string
  name: string
  expr: string
}

/**
 * A short fingerprint of an estimate's rows (ids, names and expressions), to tell whether stored
 * values belong to them: FNV-1a over the rows' text, as 8 hex digits.
 */
export function estimateRowsFingerprint(rows: readonly RowText[]): string {
  let hash = 0x811c9dc5
  const text = JSON.stringify(rows.map((row) => [row.id, row.name, row.expr]))
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

/**
 * The values stored on a card for its current rows, or null when it holds none (never evaluated,
 * written for other rows, or not in this form).
 */
export function storedEstimateResults(
  meta: unknown,
  rows: readonly RowText[],
): EstimateResultsMeta['values'] | null {
  if (typeof meta !== 'object' || meta === null) return null
  const results = (meta as { results?: unknown }).results
  if (typeof results !== 'object' || results === null) return null
  const { for: fingerprint, values } = results as { for?: unknown; values?: unknown }
  if (fingerprint !== estimateRowsFingerprint(rows) || typeof values !== 'object' || values === null)
    return null
  const read: EstimateResultsMeta['values'] = {}
  for (const row of rows) {
    const value = (values as Record<string, unknown>)[row.id]
    if (typeof value !== 'object' || value === null) continue
    const { display, error } = value as { display?: unknown; error?: unknown }
    read[row.id] = {
      display: typeof display === 'string' ? display : null,
      error: typeof error === 'string' ? error : null,
    }
  }
  return read
}
