import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, LIMIT_SPECS, readLimits } from './limits'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

describe('limits', () => {
  it('every limit is in the README’s table, with its variable and its default', () => {
    for (const spec of Object.values(LIMIT_SPECS)) {
      const row = README.split('\n').find((line) => line.startsWith(`| \`${spec.env}\` |`))
      expect(row, spec.env).toBeDefined()
      const shown = row?.split('|')[2]?.trim() ?? ''
      const value = shown.endsWith('MiB')
        ? Number.parseFloat(shown) * 1024 * 1024
        : shown.endsWith('KiB')
          ? Number.parseFloat(shown) * 1024
          : Number(shown.replaceAll(',', ''))
      expect(value, spec.env).toBe(spec.default)
    }
  })

  it('an environment variable overrides its default and nothing else', () => {
    const limits = readLimits({ LIMIT_MAX_CONNECTIONS_PER_ROOM: '3' })
    expect(limits.maxConnectionsPerRoom).toBe(3)
    expect({ ...limits, maxConnectionsPerRoom: DEFAULT_LIMITS.maxConnectionsPerRoom }).toEqual(DEFAULT_LIMITS)
  })

  it.each(['0', '-4', '1.5', 'ten', '1e3', '9007199254740993'])('refuses %s, naming the variable', (raw) => {
    expect(() => readLimits({ LIMIT_MESSAGE_BURST: raw })).toThrow(/LIMIT_MESSAGE_BURST/)
  })
})
