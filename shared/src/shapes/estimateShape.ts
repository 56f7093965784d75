import { createShapePropsMigrationSequence, type RecordProps, type TLBaseShape } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { boundedString } from './componentShape'

/** Bounds of an `estimate` card, part of the board's contract (README, "Board document layout"). */
export const ESTIMATE_LIMITS = {
  /** Longest title, in UTF-16 code units. */
  titleMax: 80,
  /** Most rows on one card. */
  rowsMax: 40,
  /** Longest row name. */
  nameMax: 40,
  /** Longest row expression. */
  exprMax: 200,
} as const

/** One line of an estimate: `name = expr`. `id` stays put while the row is edited or moved. */
export interface EstimateRow {
  id: string
  name: string
  expr: string
}

/**
 * The props of an `estimate` shape (a back-of-the-envelope card). The expressions are evaluated
 * by the clients only; the server stores and checks them as text.
 */
export interface EstimateShapeProps {
  w: number
  h: number
  title: string
  rows: EstimateRow[]
}

const rowValidator: T.Validator<EstimateRow> = T.object({
  id: T.string,
  name: boundedString(ESTIMATE_LIMITS.nameMax),
  expr: boundedString(ESTIMATE_LIMITS.exprMax),
})

/** The validators of an `estimate`'s props, checked by tldraw's schema like any shape's. */
export const estimateShapeProps: RecordProps<TLBaseShape<'estimate', EstimateShapeProps>> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  title: boundedString(ESTIMATE_LIMITS.titleMax),
  rows: T.arrayOf(rowValidator).check((rows) => {
    if (rows.length > ESTIMATE_LIMITS.rowsMax)
      throw new T.ValidationError(`Expected at most ${ESTIMATE_LIMITS.rowsMax} rows, got ${rows.length}`)
  }),
}

/** Migrations of the `estimate` props: none yet. */
export const estimateShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })
