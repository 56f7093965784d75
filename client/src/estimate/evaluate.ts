import type { EstimateRow } from '@tradeoff/shared/shapes'
import type * as MathJs from 'mathjs'
import type { MathJsInstance, MathNode, Unit } from 'mathjs'
import { addCountUnits, COUNT_UNITS } from './countUnits'
import { showValue, UnshowableResult, unitText } from './resultText'
import { checkExpression, ESTIMATE_CONSTANTS, ESTIMATE_FUNCTIONS, RefusedExpression } from './safeExpression'
import { expandSiSuffixes } from './siSuffixes'

/**
 * The estimate card's calculator. Each row is `name = expr`; rows run top to bottom and a row may use
 * the names of rows above it. The rules, for people typing and for the card that shows the results:
 *
 * - Numbers take spoken suffixes with no space (`10M`, `2.5k`, `1B` billion, `3T` trillion); with a
 *   space the letter is a unit (`1 B` is a byte). See siSuffixes.ts.
 * - Units are mathjs's (`s`, `ms`, `min`, `h`, `day`, `week`, `month` = 30.4375 days, `year` = 365.25
 *   days; `B`, `kB`/`KB`, `MB`, `GB`, `TB`, `PB` decimal, `KiB`... binary; `b` is a bit) plus count
 *   words (`msg`, `req`, `users`, ...; see countUnits.ts).
 * - `expr to unit` converts, dropping or adding count words the target does or does not mention:
 *   `10M users * 20 msg/day to msg/s` is about 2,315 msg/s.
 * - A name is letters, digits and `_`, starting with a letter or `_`, at most 40 characters, and
 *   not a unit, a function or a constant (`s`, `day`, `users`, `max`, `pi` are taken). A name used
 *   twice is an error on the second row.
 * - An expression is at most 200 characters of arithmetic (see safeExpression.ts for the allow-list).
 * - A problem is a short message in that row's `error`; `evaluate` never throws. A row that uses a
 *   row with an error gets an error too.
 */

/** One row of an estimate card, as the shape stores it (`name` and `expr` may be empty). */
export type { EstimateRow }

/**
 * A row's outcome. With a value: `value` is the unrounded number in `unit` (`null` for a plain
 * number), `display` the spoken form, `= 3 TB` when exact or `≈ 2.3k msg/s` when rounded. With a
 * problem: `error` is a short message and the rest is null. An empty expression has all null.
 */
export type EstimateResult = {
  id: string
  value: number | null
  unit: string | null
  display: string | null
  error: string | null
}

/** Evaluates a card's rows; never throws. */
export interface Evaluator {
  evaluate(rows: readonly EstimateRow[]): EstimateResult[]
}

/** The parts of the mathjs module the evaluator needs (its namespace, as `import('mathjs')` gives). */
export type MathJsModule = Pick<typeof MathJs, 'create' | 'all'>

/** The longest expression a row may hold, in characters (the shape's own bound, ESTIMATE_LIMITS). */
export const MAX_EXPRESSION_LENGTH = 200
/** The longest row name, in characters. */
export const MAX_NAME_LENGTH = 40

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Words the mathjs parser reads as operators or values, so they cannot name a row. */
const PARSER_WORDS = new Set(['to', 'in', 'mod', 'and', 'or', 'xor', 'not', 'true', 'false', 'null'])
const PARSER_WORDS_AND_VALUES = new Set([...PARSER_WORDS, 'Infinity', 'NaN', 'undefined', 'end'])

const EMPTY = { value: null, unit: null, display: null, error: null }

/** A row's name as later rows see it. */
type Binding = { kind: 'value'; value: number | Unit } | { kind: 'error' } | { kind: 'empty' }

/**
 * Builds an evaluator on a private mathjs instance made from `mathjs` (the module), so the count
 * units and the disabled functions never touch mathjs's default instance.
 */
export function createEvaluator(mathjs: MathJsModule): Evaluator {
  // `predictable`: a square root of a negative is NaN (shown as an error), not a complex number.
  const math = mathjs.create(mathjs.all ?? {}, { predictable: true })
  addCountUnits(math)
  const parse = math.parse
  disableEscapes(math)
  // mathjs looks a name up among its functions before its units, so `5 min` would multiply by the
  // function min() and `2 sec` by the secant: these names are given their unit in every scope.
  const unitsOverFunctions = Object.keys(math.Unit.UNITS)
    .filter((name) => name in math)
    .map((name) => [name, math.unit(name)] as const)
  const countDimensions = COUNT_UNITS.map(([unit]) => {
    const dimensions = math.unit(1, unit).dimensions
    return { unit, index: dimensions.indexOf(1) }
  })

  /** `value to target`, dropping or adding the count words that differ between the two. */
  function convert(value: unknown, target: unknown): Unit {
    if (!math.isUnit(target) || target.value !== null) {
      throw new RefusedExpression('after “to”, write a unit such as msg/s or TB')
    }
    if (typeof value !== 'number' && !math.isUnit(value)) throw new RefusedExpression('nothing to convert')
    let adjusted: number | Unit = value
    for (const { unit, index } of countDimensions) {
      const has = typeof adjusted === 'number' ? 0 : (adjusted.dimensions[index] ?? 0)
      const difference = (target.dimensions[index] ?? 0) - has
      if (difference !== 0)
        adjusted = math.multiply(adjusted, math.pow(math.unit(1, unit), difference)) as Unit
    }
    if (typeof adjusted === 'number' || !adjusted.equalBase(target)) {
      const from = typeof value === 'number' ? 'a plain number' : unitText(simplified(value))
      throw new RefusedExpression(`cannot turn ${from} into ${unitText(target)}`)
    }
    return math.to(adjusted, target) as Unit
  }

  function evaluateRow(row: EstimateRow, names: Map<string, Binding>, below: (name: string) => boolean) {
    const expr = row.expr.trim()
    if (expr === '') return { kind: 'empty' as const }
    if (expr.length > MAX_EXPRESSION_LENGTH) {
      throw new RefusedExpression(`too long: keep it under ${MAX_EXPRESSION_LENGTH} characters`)
    }
    let node: MathNode
    try {
      node = parse(expandSiSuffixes(expr))
    } catch (error) {
      throw new RefusedExpression(`cannot read this: ${parserMessage(error)}`)
    }
    checkExpression(node, (name) => {
      const binding = names.get(name)
      if (binding?.kind === 'value') return
      if (binding?.kind === 'error') throw new RefusedExpression(`uses ${name}, which has an error`)
      if (binding?.kind === 'empty') throw new RefusedExpression(`uses ${name}, which has no value yet`)
      if (math.Unit.isValuelessUnit(name) || ESTIMATE_CONSTANTS.has(name)) return
      if (below(name)) throw new RefusedExpression(`${name} is defined further down: move it up`)
      throw new RefusedExpression(`unknown name or unit: ${name}`)
    })
    const scope = new Map<string, number | Unit>(unitsOverFunctions)
    for (const [name, binding] of names) if (binding.kind === 'value') scope.set(name, binding.value)
    const run = (part: MathNode): unknown => part.compile().evaluate(scope)
    const conversion = node.type === 'OperatorNode' && (node as unknown as { fn: string }).fn === 'to'
    const args = (node as unknown as { args?: MathNode[] }).args
    const [left, right] = args ?? []
    const result = conversion && left && right ? convert(run(left), run(right)) : run(node)
    const shown = showValue(math, result, conversion)
    return { kind: 'value' as const, value: result as number | Unit, shown }
  }

  return {
    evaluate(rows) {
      const names = new Map<string, Binding>()
      const lastRowOf = new Map(rows.map((row, index) => [row.name.trim(), index]))
      return rows.map((row, index) => {
        const name = row.name.trim()
        const nameError = name === '' ? null : checkName(math, name, names)
        const below = (used: string) => (lastRowOf.get(used) ?? -1) > index
        try {
          if (nameError !== null) throw new RefusedExpression(nameError)
          const outcome = evaluateRow(row, names, below)
          if (name !== '') names.set(name, outcome)
          if (outcome.kind === 'empty') return { id: row.id, ...EMPTY }
          return { id: row.id, ...outcome.shown, error: null }
        } catch (error) {
          // A duplicate keeps the first row's value; any other failing name is marked as failing.
          if (name !== '' && !names.has(name)) names.set(name, { kind: 'error' })
          return { id: row.id, ...EMPTY, error: rowMessage(error) }
        }
      })
    },
  }

  function simplified(unit: Unit): Unit {
    return unit.skipAutomaticSimplification ? unit : unit.simplify()
  }
}

function checkName(math: MathJsInstance, name: string, names: ReadonlyMap<string, Binding>): string | null {
  if (!NAME_PATTERN.test(name)) return 'a name is letters, digits and _, starting with a letter'
  if (name.length > MAX_NAME_LENGTH) return `a name is at most ${MAX_NAME_LENGTH} characters`
  if (names.has(name)) return `${name} is already defined above`
  if (PARSER_WORDS_AND_VALUES.has(name)) return `${name} is a word of the calculator: pick another name`
  if (ESTIMATE_FUNCTIONS.has(name) || ESTIMATE_CONSTANTS.has(name)) {
    return `${name} is a function or constant: pick another name`
  }
  if (math.Unit.isValuelessUnit(name)) return `${name} is a unit: pick another name, such as ${name}_total`
  return null
}

/**
 * The mathjs documentation's advice for untrusted input: the functions that reach the parser or
 * change the instance throw. Expressions cannot name them anyway (safeExpression.ts); this is the
 * second lock.
 */
function disableEscapes(math: MathJsInstance): void {
  const disabled = (name: string) => () => {
    throw new RefusedExpression(`${name}() is not available here`)
  }
  const names = ['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve']
  math.import(Object.fromEntries(names.map((name) => [name, disabled(name)])), { override: true })
}

function parserMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/\s*\(char \d+\)$/, '').toLowerCase()
}

function rowMessage(error: unknown): string {
  if (error instanceof RefusedExpression || error instanceof UnshowableResult) return error.message
  const message = error instanceof Error ? error.message : String(error)
  if (message.startsWith('Units do not match')) return 'units do not match'
  return shorten(message)
}

function shorten(message: string): string {
  const line = message.split('\n')[0] ?? ''
  return line.length > 100 ? `${line.slice(0, 99)}…` : line
}

let loading: Promise<Evaluator> | null = null

/**
 * The evaluator, with mathjs loaded on first call as a chunk of its own (so a room's first paint
 * never waits for it) and kept for later calls. If the chunk fails to load, the promise rejects and
 * the next call tries again.
 */
export function loadEvaluator(): Promise<Evaluator> {
  loading ??= import('mathjs').then(
    (mathjs) => createEvaluator(mathjs),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}
