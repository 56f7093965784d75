import type { SchemaPropsInfo } from '@tldraw/tlschema'
import { type ComponentShapeProps, componentShapeMigrations, componentShapeProps } from './componentShape'
import { type EstimateShapeProps, estimateShapeMigrations, estimateShapeProps } from './estimateShape'

export * from './architecture'
export * from './componentKinds'
export * from './componentShape'
export * from './estimateResults'
export * from './estimateShape'
export * from './richTextPlain'

/**
 * The board's own shapes, beside tldraw's: give these to the tldraw schema (see
 * `createBoardSchema`) and, in the client, their shape utils to the store and the editor.
 */
export const ARCHITECTURE_SHAPE_SCHEMAS = {
  component: { props: componentShapeProps, migrations: componentShapeMigrations },
  estimate: { props: estimateShapeProps, migrations: estimateShapeMigrations },
} as const satisfies Record<string, SchemaPropsInfo>

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    component: ComponentShapeProps
    estimate: EstimateShapeProps
  }
}
