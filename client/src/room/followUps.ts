import { RUBRIC_DIMENSIONS } from '@tradeoff/shared'

/** A follow-up question as a prompt or a session guide lists it. */
export interface FollowUp {
  dimension: string
  question: string
  lookFor?: string
}

/** The follow-ups of one rubric dimension. */
export interface FollowUpGroup {
  dimension: string
  label: string
  /** Whether the prompt weighs this dimension most. */
  weighed: boolean
  followUps: FollowUp[]
}

/**
 * Groups follow-up questions by rubric dimension, in the rubric's order, keeping each group's
 * questions in file order. A dimension the rubric does not know goes last under its own id.
 */
export function groupFollowUps(followUps: readonly FollowUp[], weighs: readonly string[]): FollowUpGroup[] {
  const order: string[] = RUBRIC_DIMENSIONS.map((dimension) => dimension.id)
  const groups = new Map<string, FollowUp[]>()
  for (const followUp of followUps) {
    const group = groups.get(followUp.dimension) ?? []
    group.push(followUp)
    groups.set(followUp.dimension, group)
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length)
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([dimension, items]) => ({
      dimension,
      label: dimensionLabel(dimension),
      weighed: weighs.includes(dimension),
      followUps: items,
    }))
}

/** A rubric dimension's label for people (`Caching and data access`), or its id when unknown. */
export function dimensionLabel(id: string): string {
  return RUBRIC_DIMENSIONS.find((dimension) => dimension.id === id)?.label ?? id
}
