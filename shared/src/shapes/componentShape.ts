import {
  createShapePropsMigrationSequence,
  DefaultColorStyle,
  type RecordProps,
  richTextValidator,
  type TLBaseShape,
  type TLDefaultColorStyle,
  type TLRichText,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { COMPONENT_CAPTION_MAX, COMPONENT_KINDS, type ComponentKind } from './componentKinds'

/** The props of a `component` shape, exactly as the board stores them. */
export interface ComponentShapeProps {
  kind: ComponentKind
  w: number
  h: number
  color: TLDefaultColorStyle
  richText: TLRichText
  caption: string
}

/** Checks that a string is at most `max` UTF-16 code units long. */
export function boundedString(max: number): T.Validator<string> {
  return T.string.check((value) => {
    if (value.length > max)
      throw new T.ValidationError(`Expected at most ${max} characters, got ${value.length}`)
  })
}

/**
 * The validators of a `component`'s props: tldraw's schema checks every stored shape with them
 * (on the server for every write, in each client on load). `color` is tldraw's colour style, so
 * the style panel's colour applies to components too.
 */
export const componentShapeProps: RecordProps<TLBaseShape<'component', ComponentShapeProps>> = {
  kind: T.literalEnum(...COMPONENT_KINDS),
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  color: DefaultColorStyle,
  richText: richTextValidator,
  caption: boundedString(COMPONENT_CAPTION_MAX),
}

/** Migrations of the `component` props: none yet; the first prop change adds one here. */
export const componentShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })
