import { RUBRIC_DIMENSIONS, type RubricDimensionId, rubricDimensionIdSchema } from '@tradeoff/shared'

/** Short names for chips and badges, where the rubric's full labels do not fit. */
const SHORT_LABELS: Record<RubricDimensionId, string> = {
  requirements: 'Requirements',
  estimation: 'Estimation',
  'api-and-data': 'API & data',
  scalability: 'Scalability',
  caching: 'Caching',
  'failure-modes': 'Failure modes',
  tradeoffs: 'Trade-offs',
  communication: 'Communication',
}

/**
 * One colour per dimension (Open Color shades), kept apart from the signal colours (green,
 * red, amber) so a label never reads as a verdict.
 */
const COLORS: Record<RubricDimensionId, string> = {
  requirements: '#1971c2',
  estimation: '#0c8599',
  'api-and-data': '#6741d9',
  scalability: '#3b5bdb',
  caching: '#c2255c',
  'failure-modes': '#9c36b5',
  tradeoffs: '#d9480f',
  communication: '#087f5b',
}

/** A rubric dimension as the notes UI shows it. */
export interface DimensionInfo {
  id: RubricDimensionId
  label: string
  shortLabel: string
  /** The short tag typed in a note, without `#` (`cache`). */
  tag: string
  color: string
  /** Whether the session's prompt weighs this dimension most. */
  weighed: boolean
}

/** Narrows a string (from a prompt file or the wire) to a rubric dimension id, or null. */
export function asDimensionId(value: string): RubricDimensionId | null {
  const parsed = rubricDimensionIdSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** The rubric's dimensions in the rubric's order, marked weighed when the prompt weighs them. */
export function rubricDimensions(weighs: readonly string[]): DimensionInfo[] {
  return RUBRIC_DIMENSIONS.map((dimension) => ({
    id: dimension.id,
    label: dimension.label,
    shortLabel: SHORT_LABELS[dimension.id],
    tag: dimension.tag,
    color: COLORS[dimension.id],
    weighed: weighs.includes(dimension.id),
  }))
}

/**
 * The rubric's dimensions for choosing one: those the prompt weighs first, then the rest, each
 * group in the rubric's order.
 */
export function orderedDimensions(weighs: readonly string[]): DimensionInfo[] {
  const all = rubricDimensions(weighs)
  return [...all.filter((d) => d.weighed), ...all.filter((d) => !d.weighed)]
}

/** The colour of a dimension's labels. */
export function dimensionColor(id: RubricDimensionId): string {
  return COLORS[id]
}

/** A dimension's short name (`API & data`). */
export function dimensionShortLabel(id: RubricDimensionId): string {
  return SHORT_LABELS[id]
}
