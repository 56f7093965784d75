import { describe, expect, it } from 'vitest'
import { sameJson } from './json'

describe('sameJson', () => {
  it('compares values deeply, whatever the key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true)
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false)
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false)
  })
})
