import { ARCHITECTURE_SHAPE_SCHEMAS } from '@tradeoff/shared/shapes'
import {
  BaseBoxShapeUtil,
  DefaultFontFamilies,
  type Editor,
  getColorValue,
  HTMLContainer,
  resizeBox,
  type SvgExportContext,
  type TLResizeInfo,
  type TLShape,
  type TLTheme,
  useColorMode,
  useValue,
} from 'tldraw'
import { EstimateCard } from './EstimateCard'
import { loadEstimateEvaluator } from './estimateEvaluator'
import {
  ESTIMATE_PADDING,
  ESTIMATE_RADIUS,
  ESTIMATE_ROW_FONT_SIZE,
  ESTIMATE_ROW_HEIGHT,
  ESTIMATE_STROKE,
  ESTIMATE_TITLE_FONT_SIZE,
  ESTIMATE_TITLE_HEIGHT,
  ESTIMATE_VALUE_SHARE,
  ESTIMATE_WIDTH,
  estimateHeight,
  estimateRowText,
  estimateRowTop,
  fitText,
} from './estimateLook'
import './estimateCard.css'

/** An `estimate` shape: a back-of-the-envelope card (see `@tradeoff/shared/shapes`). */
export type EstimateShape = TLShape<'estimate'>

const FONT = DefaultFontFamilies.sans

/** The card's colours in a colour mode: paper, a grey title bar, text, and red for errors. */
export function estimateColors(theme: TLTheme, mode: 'light' | 'dark') {
  const colors = theme.colors[mode]
  return {
    stroke: getColorValue(colors, 'black', 'solid'),
    fill: colors.solid,
    title: getColorValue(colors, 'grey', 'semi'),
    text: colors.text,
    muted: getColorValue(colors, 'grey', 'solid'),
    error: getColorValue(colors, 'red', 'solid'),
  }
}

/** A card as the canvas shows it: inputs while it is edited. */
function EstimateOnCanvas({ editor, shape }: { editor: Editor; shape: EstimateShape }) {
  const mode = useColorMode()
  const editing = useValue('estimate editing', () => editor.getEditingShapeId() === shape.id, [
    editor,
    shape.id,
  ])
  return (
    <HTMLContainer style={{ pointerEvents: editing ? 'all' : 'none', overflow: 'visible' }}>
      <EstimateCard
        editor={editor}
        shape={shape}
        editing={editing}
        colors={estimateColors(editor.getCurrentTheme(), mode)}
      />
    </HTMLContainer>
  )
}

/**
 * Draws and edits `estimate` cards. Double-click to edit the title and rows; the values are worked
 * out in each browser (never by the server). The SVG/PNG export evaluates the rows too.
 */
export class EstimateShapeUtil extends BaseBoxShapeUtil<EstimateShape> {
  static override type = 'estimate' as const
  static override props = ARCHITECTURE_SHAPE_SCHEMAS.estimate.props
  static override migrations = ARCHITECTURE_SHAPE_SCHEMAS.estimate.migrations

  override getDefaultProps(): EstimateShape['props'] {
    return { w: ESTIMATE_WIDTH, h: estimateHeight(1), title: '', rows: [] }
  }

  override canEdit() {
    return true
  }

  override getText(shape: EstimateShape) {
    const rows = shape.props.rows.map((row) => estimateRowText(row.name, row.expr))
    return [shape.props.title, ...rows].filter(Boolean).join('\n')
  }

  override onResize(shape: EstimateShape, info: TLResizeInfo<EstimateShape>) {
    const resized = resizeBox(shape, info)
    return {
      ...resized,
      props: { ...resized.props, h: Math.max(resized.props.h, estimateHeight(shape.props.rows.length)) },
    }
  }

  component(shape: EstimateShape) {
    return <EstimateOnCanvas editor={this.editor} shape={shape} />
  }

  override getIndicatorPath(shape: EstimateShape): Path2D {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, ESTIMATE_RADIUS)
    return path
  }

  override async toSvg(shape: EstimateShape, ctx: SvgExportContext) {
    const { w, h, title, rows } = shape.props
    const colors = estimateColors(this.editor.getCurrentTheme(), ctx.colorMode)
    const evaluator = await loadEstimateEvaluator().catch(() => null)
    const results = evaluator ? evaluator.evaluate(rows) : []
    const valueWidth = w * ESTIMATE_VALUE_SHARE
    const textWidth = w - valueWidth - ESTIMATE_PADDING * 2
    return (
      <g fontFamily={FONT}>
        <rect
          x={ESTIMATE_STROKE / 2}
          y={ESTIMATE_STROKE / 2}
          width={w - ESTIMATE_STROKE}
          height={h - ESTIMATE_STROKE}
          rx={ESTIMATE_RADIUS}
          fill={colors.fill}
          stroke={colors.stroke}
          strokeWidth={ESTIMATE_STROKE}
        />
        <path d={`M0 ${ESTIMATE_TITLE_HEIGHT} H${w}`} stroke={colors.stroke} strokeWidth={1} />
        <text
          x={ESTIMATE_PADDING}
          y={ESTIMATE_TITLE_HEIGHT / 2 + ESTIMATE_TITLE_FONT_SIZE * 0.35}
          fontSize={ESTIMATE_TITLE_FONT_SIZE}
          fontWeight="bold"
          fill={colors.text}
        >
          {fitText(title || 'Estimate', w - ESTIMATE_PADDING * 2, ESTIMATE_TITLE_FONT_SIZE)}
        </text>
        {rows.map((row, index) => {
          const result = results[index]
          const baseline = estimateRowTop(index) + ESTIMATE_ROW_HEIGHT / 2 + ESTIMATE_ROW_FONT_SIZE * 0.35
          const value = result?.error ?? result?.display ?? ''
          return (
            <g key={row.id}>
              <text x={ESTIMATE_PADDING} y={baseline} fontSize={ESTIMATE_ROW_FONT_SIZE} fill={colors.text}>
                {fitText(estimateRowText(row.name, row.expr), textWidth, ESTIMATE_ROW_FONT_SIZE)}
              </text>
              <text
                x={w - ESTIMATE_PADDING}
                y={baseline}
                textAnchor="end"
                fontSize={ESTIMATE_ROW_FONT_SIZE}
                fontWeight={result?.error ? 'normal' : 'bold'}
                fill={result?.error ? colors.error : colors.text}
              >
                {fitText(value, valueWidth, ESTIMATE_ROW_FONT_SIZE)}
              </text>
            </g>
          )
        })}
      </g>
    )
  }
}
