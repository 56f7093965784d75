import { COMPONENT_KIND_NAMES, type ComponentKind, richTextToPlain } from '@tradeoff/shared/architecture'
import { ARCHITECTURE_SHAPE_SCHEMAS } from '@tradeoff/shared/shapes'
import {
  BaseBoxShapeUtil,
  Box,
  DefaultFontFamilies,
  type Editor,
  getColorValue,
  HTMLContainer,
  RichTextLabel,
  RichTextSVG,
  type SvgExportContext,
  type TLShape,
  type TLTheme,
  toRichText,
  useColorMode,
  useValue,
} from 'tldraw'
import {
  COMPONENT_CAPTION_FONT_SIZE,
  COMPONENT_ICON_SIZE,
  COMPONENT_ICON_TOP,
  COMPONENT_LABEL_FONT_SIZE,
  COMPONENT_LABEL_PADDING,
  COMPONENT_LINE_HEIGHT,
  COMPONENT_RADIUS,
  COMPONENT_SIZE,
  COMPONENT_STROKE,
  componentCaptionBaseline,
  componentLabelBox,
} from './componentLook'
import { KindIcon } from './KindIcon'

/** A `component` shape: an architecture component of one kind (see `@tradeoff/shared/shapes`). */
export type ComponentShape = TLShape<'component'>

const LABEL_FONT = DefaultFontFamilies.sans

/** The colours of a component in a colour mode: tinted body, coloured outline and icon, text. */
function componentColors(theme: TLTheme, mode: 'light' | 'dark', color: ComponentShape['props']['color']) {
  const colors = theme.colors[mode]
  return {
    stroke: getColorValue(colors, color, 'solid'),
    fill: getColorValue(colors, color, 'semi'),
    text: colors.text,
  }
}

function Body({ w, h, stroke, fill }: { w: number; h: number; stroke: string; fill: string }) {
  return (
    <rect
      x={COMPONENT_STROKE / 2}
      y={COMPONENT_STROKE / 2}
      width={Math.max(1, w - COMPONENT_STROKE)}
      height={Math.max(1, h - COMPONENT_STROKE)}
      rx={COMPONENT_RADIUS}
      fill={fill}
      stroke={stroke}
      strokeWidth={COMPONENT_STROKE}
    />
  )
}

function Caption({ w, h, caption, color }: { w: number; h: number; caption: string; color: string }) {
  if (!caption) return null
  return (
    <text
      x={w / 2}
      y={componentCaptionBaseline(h)}
      textAnchor="middle"
      fontFamily={LABEL_FONT}
      fontSize={COMPONENT_CAPTION_FONT_SIZE}
      fill={color}
      fillOpacity={0.8}
    >
      {caption}
    </text>
  )
}

/** A component as the canvas shows it, its label editable in place. */
function ComponentOnCanvas({ editor, shape }: { editor: Editor; shape: ComponentShape }) {
  const { w, h, kind, caption, richText } = shape.props
  const mode = useColorMode()
  const colors = componentColors(editor.getCurrentTheme(), mode, shape.props.color)
  const isOnlySelected = useValue('component selected', () => editor.getOnlySelectedShapeId() === shape.id, [
    editor,
    shape.id,
  ])
  const labelBox = componentLabelBox(w, h, caption !== '')
  return (
    <>
      <svg className="tl-svg-container" aria-hidden="true">
        <Body w={w} h={h} stroke={colors.stroke} fill={colors.fill} />
        <KindIcon
          kind={kind}
          x={(w - COMPONENT_ICON_SIZE) / 2}
          y={COMPONENT_ICON_TOP}
          size={COMPONENT_ICON_SIZE}
          color={colors.stroke}
        />
        <Caption w={w} h={h} caption={caption} color={colors.text} />
      </svg>
      <HTMLContainer
        style={{
          position: 'absolute',
          left: 0,
          top: labelBox.y,
          width: w,
          height: labelBox.h,
          overflow: 'hidden',
        }}
      >
        <RichTextLabel
          shapeId={shape.id}
          type="component"
          fontFamily={LABEL_FONT}
          fontSize={COMPONENT_LABEL_FONT_SIZE}
          lineHeight={COMPONENT_LINE_HEIGHT}
          padding={COMPONENT_LABEL_PADDING}
          textAlign="center"
          verticalAlign="middle"
          richText={richText}
          isSelected={isOnlySelected}
          labelColor={colors.text}
          wrap
        />
      </HTMLContainer>
    </>
  )
}

/**
 * Draws and edits `component` shapes: a rounded box with the kind's icon, an editable rich-text
 * label (double-click, as a geo shape's) and a one-line caption. A box to tldraw, so arrows bind,
 * resize, align and group as with any box; its `color` is tldraw's colour style.
 */
export class ComponentShapeUtil extends BaseBoxShapeUtil<ComponentShape> {
  static override type = 'component' as const
  static override props = ARCHITECTURE_SHAPE_SCHEMAS.component.props
  static override migrations = ARCHITECTURE_SHAPE_SCHEMAS.component.migrations

  override getDefaultProps(): ComponentShape['props'] {
    return {
      kind: 'service',
      w: COMPONENT_SIZE.w,
      h: COMPONENT_SIZE.h,
      color: 'black',
      richText: toRichText(COMPONENT_KIND_NAMES.service),
      caption: '',
    }
  }

  override canEdit() {
    return true
  }

  override getText(shape: ComponentShape) {
    return richTextToPlain(shape.props.richText)
  }

  override getAriaDescriptor(shape: ComponentShape) {
    const kind = COMPONENT_KIND_NAMES[shape.props.kind as ComponentKind] ?? shape.props.kind
    const label = richTextToPlain(shape.props.richText)
    return [kind, label, shape.props.caption].filter(Boolean).join(', ')
  }

  component(shape: ComponentShape) {
    return <ComponentOnCanvas editor={this.editor} shape={shape} />
  }

  override getIndicatorPath(shape: ComponentShape): Path2D {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, COMPONENT_RADIUS)
    return path
  }

  override toSvg(shape: ComponentShape, ctx: SvgExportContext) {
    const { w, h, kind, caption, richText } = shape.props
    const colors = componentColors(this.editor.getCurrentTheme(), ctx.colorMode, shape.props.color)
    const labelBox = componentLabelBox(w, h, caption !== '')
    return (
      <>
        <Body w={w} h={h} stroke={colors.stroke} fill={colors.fill} />
        <KindIcon
          kind={kind}
          x={(w - COMPONENT_ICON_SIZE) / 2}
          y={COMPONENT_ICON_TOP}
          size={COMPONENT_ICON_SIZE}
          color={colors.stroke}
        />
        <RichTextSVG
          fontSize={COMPONENT_LABEL_FONT_SIZE}
          fontFamily={LABEL_FONT}
          lineHeight={COMPONENT_LINE_HEIGHT}
          textAlign="center"
          verticalAlign="middle"
          labelColor={colors.text}
          padding={COMPONENT_LABEL_PADDING}
          bounds={new Box(labelBox.x, labelBox.y, labelBox.w, labelBox.h)}
          richText={richText}
        />
        <Caption w={w} h={h} caption={caption} color={colors.text} />
      </>
    )
  }
}
