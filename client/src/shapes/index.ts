import { defaultShapeUtils } from 'tldraw'
import { ComponentShapeUtil } from './ComponentShapeUtil'
import { EstimateShapeUtil } from './EstimateShapeUtil'

/**
 * The board's own shapes: give them to `<Tldraw shapeUtils>`, which adds tldraw's own. The store
 * needs all of them (`BOARD_SHAPE_UTILS`), or records of these types fail its schema.
 */
export const ARCHITECTURE_SHAPE_UTILS = [ComponentShapeUtil, EstimateShapeUtil]

/** tldraw's shapes and the board's own, for `createTLStore`. */
export const BOARD_SHAPE_UTILS = [...defaultShapeUtils, ...ARCHITECTURE_SHAPE_UTILS]
