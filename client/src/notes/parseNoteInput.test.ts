import { describe, expect, it } from 'vitest'
import { dimensionOfTag, parseNoteInput } from './parseNoteInput'

describe('parseNoteInput', () => {
  it('takes a short tag and a trailing signal out of the text', () => {
    expect(parseNoteInput('single point of failure on the gateway #fail -')).toEqual({
      text: 'single point of failure on the gateway',
      dimension: 'failure-modes',
      signal: '-',
    })
  })

  it('accepts every short tag of the rubric and the full ids, in any case', () => {
    const cases: Array<[string, string]> = [
      ['#req', 'requirements'],
      ['#est', 'estimation'],
      ['#api', 'api-and-data'],
      ['#scale', 'scalability'],
      ['#cache', 'caching'],
      ['#fail', 'failure-modes'],
      ['#trade', 'tradeoffs'],
      ['#comm', 'communication'],
      ['#failure-modes', 'failure-modes'],
      ['#API-and-data', 'api-and-data'],
      ['#Cache', 'caching'],
    ]
    for (const [tag, dimension] of cases) {
      expect(parseNoteInput(`x ${tag} y`), tag).toEqual({ text: 'x y', dimension, signal: null })
    }
  })

  it('reads a signal at the start when the end has none', () => {
    expect(parseNoteInput('+ named LRU eviction and why #cache')).toEqual({
      text: 'named LRU eviction and why',
      dimension: 'caching',
      signal: '+',
    })
    expect(parseNoteInput('? ask about hot partitions')).toMatchObject({
      signal: '?',
      text: 'ask about hot partitions',
    })
  })

  it('prefers the signal at the end and leaves the one at the start in the text', () => {
    expect(parseNoteInput('- then + ')).toEqual({ text: '- then', dimension: null, signal: '+' })
  })

  it('keeps a question mark or dash glued to a word as text', () => {
    expect(parseNoteInput('does it shard?')).toEqual({
      text: 'does it shard?',
      dimension: null,
      signal: null,
    })
    expect(parseNoteInput('fan-out -1 retries')).toEqual({
      text: 'fan-out -1 retries',
      dimension: null,
      signal: null,
    })
  })

  it('leaves unknown tags and a second dimension in the text', () => {
    expect(parseNoteInput('#1 concern #cache then #scale')).toEqual({
      text: '#1 concern then #scale',
      dimension: 'caching',
      signal: null,
    })
  })

  it('removes a repeated tag of the same dimension', () => {
    expect(parseNoteInput('#cache ttl #caching +').text).toBe('ttl')
  })

  it('keeps punctuation that followed a tag', () => {
    expect(parseNoteInput('uses redis #cache, no TTL')).toMatchObject({
      text: 'uses redis, no TTL',
      dimension: 'caching',
    })
  })

  it('reads a note that is only a signal and a tag', () => {
    expect(parseNoteInput('  #scale   +  ')).toEqual({ text: '', dimension: 'scalability', signal: '+' })
    expect(parseNoteInput('')).toEqual({ text: '', dimension: null, signal: null })
  })

  it('collapses runs of spaces', () => {
    expect(parseNoteInput(' a   b\tc ').text).toBe('a b c')
  })
})

describe('dimensionOfTag', () => {
  it('knows tags and ids, and nothing else', () => {
    expect(dimensionOfTag('trade')).toBe('tradeoffs')
    expect(dimensionOfTag('tradeoffs')).toBe('tradeoffs')
    expect(dimensionOfTag('caches')).toBeNull()
  })
})
