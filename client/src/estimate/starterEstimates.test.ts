import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as mathjs from 'mathjs'
import { expect, test } from 'vitest'
import { createEvaluator, type EstimateRow } from './evaluate'

const PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url))

interface StarterShape {
  id: string
  type?: string
  props?: { rows?: EstimateRow[] }
}

const estimates = readdirSync(PROMPTS_DIR)
  .filter((name) => name.endsWith('.board.json'))
  .flatMap((file) => {
    const { records } = JSON.parse(readFileSync(`${PROMPTS_DIR}${file}`, 'utf8')) as {
      records: StarterShape[]
    }
    return records.filter((record) => record.type === 'estimate').map((record) => ({ file, record }))
  })

test('the prompts hold at least one starter estimate card', () => {
  expect(estimates.length).toBeGreaterThan(0)
})

test.each(estimates)('$file: every row of $record.id evaluates without an error', ({ record }) => {
  const results = createEvaluator(mathjs).evaluate(record.props?.rows ?? [])
  expect(results.filter((result) => result.error !== null)).toEqual([])
  expect(results.every((result) => result.display !== null)).toBe(true)
})
