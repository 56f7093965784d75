import { z } from 'zod'

/**
 * The rubric dimensions a round is scored on, in the order they are shown. The ids are part of
 * the public contract (notes, scorecards and prompt files name them); the labels are for people.
 */
export const RUBRIC_DIMENSIONS = [
  { id: 'requirements', label: 'Requirements and scoping', tag: 'req' },
  { id: 'estimation', label: 'Estimation', tag: 'est' },
  { id: 'api-and-data', label: 'API and data model', tag: 'api' },
  { id: 'scalability', label: 'Scalability', tag: 'scale' },
  { id: 'caching', label: 'Caching and data access', tag: 'cache' },
  { id: 'failure-modes', label: 'Failure modes and reliability', tag: 'fail' },
  { id: 'tradeoffs', label: 'Depth and trade-offs', tag: 'trade' },
  { id: 'communication', label: 'Communication', tag: 'comm' },
] as const

/** A rubric dimension id, such as `caching` or `failure-modes`. */
export type RubricDimensionId = (typeof RUBRIC_DIMENSIONS)[number]['id']

/** Validates a rubric dimension id. */
export const rubricDimensionIdSchema = z.enum(
  RUBRIC_DIMENSIONS.map((dimension) => dimension.id) as [RubricDimensionId, ...RubricDimensionId[]],
)

/** The levels a prompt can be pitched at and a candidate can be recommended for. */
export const LEVELS = ['mid', 'senior', 'staff'] as const

/** Validates a level id. */
export const levelSchema = z.enum(LEVELS)

/** A level id: `mid`, `senior` or `staff`. */
export type Level = z.infer<typeof levelSchema>
