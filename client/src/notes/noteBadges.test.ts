import type { Note } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { summarizeShapeNotes } from './noteBadges'

const note = (id: string, at: number, signal: Note['signal'], shapeIds: string[]): Note => ({
  id,
  at,
  author: 'Ivy',
  dimension: 'caching',
  signal,
  text: id,
  shapeIds,
})

describe('summarizeShapeNotes', () => {
  it('counts notes per shape and takes the signal of the latest', () => {
    const summary = summarizeShapeNotes([
      note('late', 300, '-', ['shape:a']),
      note('early', 100, '+', ['shape:a', 'shape:b']),
      note('mid', 200, '?', ['shape:b', 'shape:b']),
      note('none', 400, '+', []),
    ])
    expect(Object.fromEntries(summary)).toEqual({
      'shape:a': { count: 2, signal: '-' },
      'shape:b': { count: 2, signal: '?' },
    })
  })
})
