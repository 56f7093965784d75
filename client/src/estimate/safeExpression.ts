import type { MathNode } from 'mathjs'

/**
 * What a row may contain. Rows are typed by anyone in the room and evaluated in every browser, so
 * the parsed expression is checked against an allow-list before it runs: numbers, names, units,
 * arithmetic, `to`, parentheses and a few functions. Everything else mathjs can parse (assignments,
 * function definitions, matrices, ranges, property access, strings, `import`, `evaluate`,
 * `createUnit`, ...) is refused, which also keeps out the calls that could take long or allocate a
 * lot (`ones(1e5, 1e5)`).
 */

const OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'unaryMinus',
  'unaryPlus',
  'to',
])

/**
 * Functions a row may call. Their names cannot name a row. No `min()`: `min` is minutes (see
 * evaluate.ts).
 */
export const ESTIMATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'sqrt',
  'cbrt',
  'exp',
  'log',
  'log2',
  'log10',
  'ceil',
  'floor',
  'round',
  'abs',
  'max',
])

/** Constants a row may use. Their names cannot name a row. */
export const ESTIMATE_CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e', 'tau'])

/** A row refused before it runs, with a message for the row. */
export class RefusedExpression extends Error {}

interface SymbolLike {
  name: string
}
interface WithArgs {
  fn: unknown
  args: MathNode[]
}

/**
 * Throws `RefusedExpression` if `node` holds anything outside the allow-list; `checkName` is called
 * for every name used as a value (not for called functions) and throws for one that cannot be used.
 */
export function checkExpression(node: MathNode, checkName: (name: string) => void): void {
  switch (node.type) {
    case 'ConstantNode': {
      if (typeof (node as unknown as { value: unknown }).value !== 'number') {
        throw new RefusedExpression('only numbers, names and units can be used here')
      }
      return
    }
    case 'SymbolNode':
      checkName((node as unknown as SymbolLike).name)
      return
    case 'ParenthesisNode':
      checkExpression((node as unknown as { content: MathNode }).content, checkName)
      return
    case 'OperatorNode': {
      const { fn, args } = node as unknown as WithArgs
      if (typeof fn !== 'string' || !OPERATORS.has(fn)) {
        throw new RefusedExpression(`“${(node as unknown as { op: string }).op}” cannot be used here`)
      }
      for (const arg of args) checkExpression(arg, checkName)
      return
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as WithArgs
      const called = fn as MathNode
      const name = called.type === 'SymbolNode' ? (called as unknown as SymbolLike).name : null
      if (name === null || !ESTIMATE_FUNCTIONS.has(name)) {
        throw new RefusedExpression(`${name ?? 'this'}() is not available here`)
      }
      for (const arg of args) checkExpression(arg, checkName)
      return
    }
    case 'AssignmentNode':
      throw new RefusedExpression('write the name in the name field, not with “=”')
    default:
      throw new RefusedExpression('only numbers, names, units and arithmetic can be used here')
  }
}
