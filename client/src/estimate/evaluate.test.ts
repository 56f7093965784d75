import { ESTIMATE_LIMITS } from '@tradeoff/shared/shapes'
import * as mathjs from 'mathjs'
import { describe, expect, test } from 'vitest'
import {
  createEvaluator,
  type EstimateResult,
  type EstimateRow,
  MAX_EXPRESSION_LENGTH,
  MAX_NAME_LENGTH,
} from './evaluate'
import { LATENCY_FIGURES, latencyRows } from './referenceCard'
import { expandSiSuffixes } from './siSuffixes'
import { spokenNumber } from './spoken'

const evaluator = createEvaluator(mathjs)

function rows(...lines: [name: string, expr: string][]): EstimateRow[] {
  return lines.map(([name, expr], index) => ({ id: `r${index}`, name, expr }))
}

/** Evaluates one unnamed expression. */
function one(expr: string): EstimateResult {
  const [result] = evaluator.evaluate(rows(['', expr]))
  if (!result) throw new Error('no result')
  return result
}

describe('the issue examples', () => {
  test('10M users * 20 msg/day to msg/s is about 2,315 msg/s', () => {
    const result = one('10M users * 20 msg/day to msg/s')
    expect(result.value).toBeCloseTo(2314.81, 2)
    expect(result.unit).toBe('msg/s')
    expect(result.display).toBe('≈ 2.3k msg/s')
    expect(result.error).toBeNull()
  })

  test('2 KB * 2315 msg/s * 1 year to TB is about 146 TB', () => {
    const result = one('2 KB * 2315 msg/s * 1 year to TB')
    expect(result.value).toBeCloseTo(146.11, 2)
    expect(result.display).toBe('≈ 146 TB')
  })

  test('the same estimate as a card of named rows', () => {
    const results = evaluator.evaluate(
      rows(
        ['dau', '10M users'],
        ['per_user', '20 msg/day'],
        ['qps', 'dau * per_user to msg/s'],
        ['msg_size', '2 KB/msg'],
        ['storage', 'msg_size * qps * 1 year to TB'],
        ['peak', 'qps * 3'],
      ),
    )
    expect(results.map((result) => result.display)).toEqual([
      '= 10M users',
      '= 20 msg/day',
      '≈ 2.3k msg/s',
      '= 2 KB/msg',
      '≈ 146 TB',
      '≈ 6.9k msg/s',
    ])
    expect(results.every((result) => result.error === null)).toBe(true)
  })
})

describe('numbers and units', () => {
  test('suffixes touch the number: 1B is a billion, 1 B a byte, 10MB ten megabytes', () => {
    expect(one('1B').display).toBe('= 1B')
    expect(one('1 B').display).toBe('= 1 B')
    expect(one('10MB').display).toBe('= 10 MB')
    expect(one('2.5k + 1K').value).toBe(3500)
    expect(one('3T').value).toBe(3e12)
    expect(expandSiSuffixes('x2k + 1e3 + 10M users')).toBe('x2k + 1e3 + 10e6 users')
  })

  test('KB, MB, GB, TB and PB are decimal bytes; KiB binary', () => {
    expect(one('1 KB to B').value).toBe(1000)
    expect(one('1 PB to TB').value).toBe(1000)
    expect(one('1 KiB to B').value).toBe(1024)
  })

  test('bytes are shown in the unit that keeps them under a thousand unless a unit is asked for', () => {
    expect(one('12 B * 1e9').display).toBe('= 12 GB')
    expect(one('2 KB * 2315 msg/s * 1 year').display).toBe('≈ 146 TB·msg')
    expect(one('1 TB/day to MB/s').display).toBe('≈ 12 MB/s')
    expect(one('3000 GB to GB').display).toBe('= 3k GB')
  })

  test('time: month and year are average calendar lengths, min is minutes, a rate stays per its time', () => {
    expect(one('1 year to day').value).toBe(365.25)
    expect(one('1 month to day').value).toBe(30.4375)
    expect(one('1 h to min').display).toBe('= 60 min')
    expect(one('20/day').display).toBe('= 20/day')
    expect(one('1M req/day to req/s').display).toBe('≈ 12 req/s')
  })

  test('count words take plurals, refuse a wrong sum, and a conversion may drop or add them', () => {
    expect(one('3 msg + 2 msgs + 1 message').display).toBe('= 6 msg')
    expect(one('3 msg + 2 users').error).toBe('units do not match')
    expect(one('2315/s to req/s').display).toBe('≈ 2.3k req/s')
    expect(one('1 TB to s').error).toBe('cannot turn TB into s')
  })
})

describe('rounding the way people speak', () => {
  test.each([
    [2314.8, '2.3k', false],
    [146.11, '146', false],
    [1_200_000, '1.2M', true],
    [23_456, '23k', false],
    [999_960, '1M', false],
    [3, '3', true],
    [2.55, '2.6', false],
    [0.0123, '0.012', false],
    [0.00012, '1.2e-4', true],
    [4.5e15, '4.5e15', true],
    [-2500, '-2.5k', true],
    [0.1 + 0.2, '0.3', true],
  ])('%d is said %s', (value, text, exact) => {
    expect(spokenNumber(value)).toEqual({ text, exact })
  })
})

describe('names', () => {
  test('a later row uses an earlier name; a name used before its row is an error that says so', () => {
    const [first, second] = evaluator.evaluate(rows(['total', 'base * 2'], ['base', '3']))
    expect(first?.error).toBe('base is defined further down: move it up')
    expect(second?.display).toBe('= 3')
  })

  test('a name defined twice is an error on the second; the first keeps its value', () => {
    const results = evaluator.evaluate(rows(['x', '1'], ['x', '2'], ['y', 'x * 10']))
    expect(results.map((result) => result.error ?? result.display)).toEqual([
      '= 1',
      'x is already defined above',
      '= 10',
    ])
  })

  test('units, functions, constants and parser words cannot name a row', () => {
    const names = ['s', 'day', 'users', 'max', 'pi', 'to', 'min', '2x', 'a-b']
    const results = evaluator.evaluate(names.map((name, index) => ({ id: `${index}`, name, expr: '1' })))
    for (const result of results) expect(result.error).not.toBeNull()
    expect(results[2]?.error).toBe('users is a unit: pick another name, such as users_total')
  })

  test('a row that uses a failing or empty row fails too', () => {
    const results = evaluator.evaluate(
      rows(['broken', '1 +'], ['twice', 'broken * 2'], ['later', ''], ['after', 'later + 1']),
    )
    expect(results.map((result) => result.error)).toEqual([
      'cannot read this: unexpected end of expression',
      'uses broken, which has an error',
      null,
      'uses later, which has no value yet',
    ])
    expect(results[2]).toEqual({ id: 'r2', value: null, unit: null, display: null, error: null })
  })

  test('40 rows, each using the row above', () => {
    const lines: [string, string][] = [['n0', '1 msg/s']]
    for (let index = 1; index < 40; index += 1) lines.push([`n${index}`, `n${index - 1} * 2`])
    const results = evaluator.evaluate(rows(...lines))
    expect(results).toHaveLength(40)
    expect(results.every((result) => result.error === null)).toBe(true)
    expect(results[39]?.value).toBe(2 ** 39)
    expect(results[39]?.display).toBe('≈ 550B msg/s')
  })
})

describe('errors stay in their row', () => {
  test.each([
    ['1 +', 'cannot read this: unexpected end of expression'],
    ['unknown_thing * 2', 'unknown name or unit: unknown_thing'],
    ['sqrt(-1)', 'not a number (a square root of a negative?)'],
    ['2^2000', 'too large to compute'],
    ['msg/s', 'this is a unit alone: put a number before it'],
    ['1 h to 5 min', 'after “to”, write a unit such as msg/s or TB'],
    ['x = 3', 'write the name in the name field, not with “=”'],
  ])('%s', (expr, error) => {
    expect(one(expr)).toEqual({ id: 'r0', value: null, unit: null, display: null, error })
  })

  test('hostile input is refused before it runs, and nothing escapes the card', () => {
    const hostile = [
      'import({x: 1}, {override: true})',
      'createUnit("msg")',
      'evaluate("1")',
      'parse("1").compile()',
      'f(x) = x',
      'ones(100000, 100000)',
      'zeros(1e9)',
      '1:1e9',
      '[1, 2, 3]',
      '{a: 1}',
      '"text"',
      'cos.constructor',
      'x ? 1 : 2',
      '(evaluate)("1")',
      'simplify("x")',
      '1 > 2',
      '4!',
    ]
    for (const expr of hostile) expect(one(expr).error, expr).not.toBeNull()
    // The evaluator still works as before: nothing was redefined.
    expect(one('1 msg + 1 msg').display).toBe('= 2 msg')
  })

  test("the evaluator's bounds are the estimate shape's", () => {
    expect(MAX_EXPRESSION_LENGTH).toBe(ESTIMATE_LIMITS.exprMax)
    expect(MAX_NAME_LENGTH).toBe(ESTIMATE_LIMITS.nameMax)
  })

  test('an expression over the length limit is refused without being parsed', () => {
    const long = `${'1 + '.repeat(MAX_EXPRESSION_LENGTH / 4)}1`
    expect(one(long).error).toBe(`too long: keep it under ${MAX_EXPRESSION_LENGTH} characters`)
  })

  test('deep nesting within the limit is evaluated or refused, never thrown', () => {
    const nested = `${'('.repeat(99)}1${')'.repeat(99)}`
    expect(one(nested).display).toBe('= 1')
    expect(() => evaluator.evaluate(rows(['', '('.repeat(199)]))).not.toThrow()
  })
})

describe('the reference card', () => {
  test('every latency is a row the evaluator reads, and later rows can use its name', () => {
    const card = [...latencyRows(), { id: 'use', name: '', expr: 'ssd_random_4kb * 1k to s' }]
    const results = evaluator.evaluate(card)
    expect(results.filter((result) => result.error !== null)).toEqual([])
    expect(results.at(-1)?.display).toBe('= 0.1 s')
    const seconds = results
      .slice(0, LATENCY_FIGURES.length)
      .map((_, index) => one(`${LATENCY_FIGURES[index]?.expr} to s`).value ?? 0)
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b))
  })
})
