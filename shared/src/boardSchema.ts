import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLSchema } from '@tldraw/tlschema'
import { ARCHITECTURE_SHAPE_SCHEMAS } from './shapes'

/**
 * Imported as `@tradeoff/shared/boardSchema`, not from the package's index: tldraw's schema code
 * runs when it loads, which the browser app's first screens should not pay for.
 *
 * The tldraw schema of the board: tldraw's default shapes and bindings, plus the board's own
 * `component` and `estimate` shapes (see `shapes/`). The server validates every record a client
 * writes against it, and writes its serialized form into the board's `meta` map, so both sides
 * must build it from this one function.
 */
export function createBoardSchema(): TLSchema {
  return createTLSchema({
    shapes: { ...defaultShapeSchemas, ...ARCHITECTURE_SHAPE_SCHEMAS },
    bindings: defaultBindingSchemas,
  })
}
