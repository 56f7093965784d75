import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { DEFAULT_LIMITS } from '@tradeoff/shared/limits'
import { describe, expect, it } from 'vitest'
import { parseStarterBoard } from './starterBoard'

const PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url))

/** A small valid starter, taken from the URL-shortener prompt's: document, page, two components and an arrow. */
function validRecords(): Array<Record<string, unknown>> {
  const { records } = JSON.parse(readFileSync(`${PROMPTS_DIR}url-shortener-feed.board.json`, 'utf8')) as {
    records: Array<Record<string, unknown>>
  }
  const keep = new Set([
    'document:document',
    'page:page',
    'shape:client',
    'shape:lb',
    'shape:client-lb',
    'binding:client-lb-start',
    'binding:client-lb-end',
  ])
  return records.filter((record) => keep.has(record.id as string))
}

const text = (records: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ records, ...extra })

function expectRefused(input: string, message: RegExp, limits = DEFAULT_LIMITS) {
  const parsed = parseStarterBoard(input, limits)
  expect(parsed.ok ? 'accepted' : parsed.message).toMatch(message)
}

describe('parseStarterBoard', () => {
  it('accepts a sound board of valid records and keeps their ids', () => {
    const parsed = parseStarterBoard(text(validRecords()), DEFAULT_LIMITS)
    expect(parsed.ok && parsed.records.map((record) => record.id)).toEqual(
      validRecords().map((record) => record.id),
    )
  })

  it('refuses what is not JSON, or not an object with a records array and nothing else', () => {
    expectRefused('{"records": [', /^invalid JSON/)
    expectRefused('[]', /"records" array/)
    expectRefused('{"records": {}}', /"records" array/)
    expectRefused(text(validRecords(), { shapes: [] }), /unknown field "shapes"/)
  })

  it('refuses a record without an id, and an id given twice', () => {
    expectRefused(
      text([...validRecords(), { typeName: 'shape' }]),
      /records\.7: expected a record with a string id/,
    )
    expectRefused(text([...validRecords(), validRecords()[2]]), /the id shape:client appears twice/)
  })

  it('refuses a board without the document record or a page', () => {
    const records = validRecords()
    expectRefused(
      text(records.filter((record) => record.typeName !== 'document')),
      /no document:document record/,
    )
    expectRefused(text(records.filter((record) => record.typeName !== 'page')), /no page record/)
  })

  it('refuses a record the board schema refuses, as a live update would be', () => {
    const records = validRecords()
    const broken = records.map((record) =>
      record.id === 'shape:lb'
        ? { ...record, props: { ...(record.props as object), kind: 'mainframe' } }
        : record,
    )
    expectRefused(text(broken), /invalid shape/)
    const unknownType = [...records, { id: 'instance:x', typeName: 'instance' }]
    expectRefused(text(unknownType), /record type not allowed on the board: instance/)
  })

  it('refuses an unsound board: a shape on a page that is not there, an arrow bound to nothing', () => {
    const records = validRecords()
    expectRefused(
      text(
        records.map((record) => (record.id === 'shape:lb' ? { ...record, parentId: 'page:other' } : record)),
      ),
      /parent/,
    )
    expectRefused(text(records.filter((record) => record.id !== 'shape:lb')), /binding/)
  })

  it('holds a starter to the limits a live update has', () => {
    expectRefused(text(validRecords()), /more than 3 records/, { ...DEFAULT_LIMITS, maxRecordsPerUpdate: 3 })
    const far = validRecords().map((record) =>
      record.id === 'shape:lb' ? { ...record, x: DEFAULT_LIMITS.maxAbsCoordinate * 2 } : record,
    )
    expectRefused(text(far), /out of bounds/)
  })
})
