import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import type { Prompt } from '../../../shared/src/prompt'
import { loadPromptLibrary, loadPrompts, parsePromptFile } from './loadPrompts'

const PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url))
const promptFiles = readdirSync(PROMPTS_DIR)
  .filter((name) => name.endsWith('.md'))
  .sort()

/** A logger that records its warnings. */
function recordingLog() {
  const warnings: { obj: object; msg: string }[] = []
  return { warnings, warn: (obj: object, msg: string) => warnings.push({ obj, msg }) }
}

/** A small front matter that passes the schema; tests break one thing at a time. */
function frontMatter(): Record<string, unknown> {
  return {
    title: 'Tiny service',
    summary: 'A prompt used only by the loader tests.',
    tags: ['test'],
    levels: ['mid'],
    durationMinutes: 45,
    scale: ['10 requests a second'],
    functionalRequirements: ['Do the thing'],
    nonFunctionalRequirements: ['Do it quickly'],
    weighs: ['scalability', 'caching', 'failure-modes'],
    phases: [
      { name: 'Scope', minutes: 15, goal: 'Agree on the scope.' },
      { name: 'Design', minutes: 30, goal: 'Draw the design.' },
    ],
    hints: ['Start small.', 'Then grow.', 'Then break it.'],
    followUps: [
      { dimension: 'caching', question: 'What would you cache?', lookFor: 'A reason.' },
      { dimension: 'scalability', question: 'What breaks at ten times the load?' },
      { dimension: 'failure-modes', question: 'What if the database is down?' },
    ],
    levelExpectations: { mid: 'Works.', senior: 'Works well.', staff: 'Works at scale.' },
  }
}

const promptText = (data: unknown, brief = 'Design a tiny service.') =>
  `---\n${stringify(data)}---\n\n${brief}\n`

function expectFault(text: string, field: string, id = 'tiny') {
  const result = parsePromptFile(id, text)
  expect(result.ok).toBe(false)
  if (!result.ok) {
    expect(result.field).toBe(field)
    expect(result.message).not.toBe('')
  }
  return result
}

describe('the prompt files in prompts/', () => {
  const prompts = promptFiles.map((file) => {
    const result = parsePromptFile(
      file.slice(0, -'.md'.length),
      readFileSync(join(PROMPTS_DIR, file), 'utf8'),
    )
    return { file, result }
  })
  const parsed = (): Prompt[] => prompts.flatMap(({ result }) => (result.ok ? [result.prompt] : []))

  it('has at least 16 prompts, among them the messaging-app seed', () => {
    expect(promptFiles.length).toBeGreaterThanOrEqual(16)
    expect(promptFiles).toContain('messaging-app.md')
  })

  it.each(prompts)('$file parses and validates', ({ result }) => {
    expect(result.ok ? 'ok' : `${result.field}: ${result.message}`).toBe('ok')
  })

  it('loads every file without a warning, with unique ids', async () => {
    const log = recordingLog()
    const loaded = await loadPrompts(PROMPTS_DIR, log)
    expect(log.warnings).toEqual([])
    expect(loaded.size).toBe(promptFiles.length)
    expect(new Set(parsed().map((prompt) => prompt.id)).size).toBe(promptFiles.length)
  })

  it('keeps the seed scenario of 10,000 concurrent users', () => {
    const seed = parsed().find((prompt) => prompt.id === 'messaging-app')
    expect(seed?.scale.some((figure) => /10,000 concurrent users/.test(figure))).toBe(true)
  })

  it.each(prompts)('$file has phases adding up to its duration', ({ result }) => {
    if (!result.ok) return
    const minutes = result.prompt.phases.reduce((sum, phase) => sum + phase.minutes, 0)
    expect(minutes).toBe(result.prompt.durationMinutes)
  })

  it.each(prompts)(
    '$file has follow-ups on scalability, caching, failure modes and what it weighs',
    ({ result }) => {
      if (!result.ok) return
      const covered = new Set(result.prompt.followUps.map((followUp) => followUp.dimension))
      for (const dimension of ['scalability', 'caching', 'failure-modes', ...result.prompt.weighs]) {
        expect(covered, dimension).toContain(dimension)
      }
    },
  )

  it.each(prompts)('$file has at least 3 hints', ({ result }) => {
    if (!result.ok) return
    expect(result.prompt.hints.length).toBeGreaterThanOrEqual(3)
  })
})

describe('parsePromptFile', () => {
  it('returns the prompt with its id and trimmed brief', () => {
    const result = parsePromptFile('tiny', promptText(frontMatter()))
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.prompt.id).toBe('tiny')
      expect(result.prompt.title).toBe('Tiny service')
      expect(result.prompt.brief).toBe('Design a tiny service.')
    }
  })

  it('accepts Windows line endings', () => {
    const result = parsePromptFile('tiny', promptText(frontMatter()).replaceAll('\n', '\r\n'))
    expect(result.ok).toBe(true)
  })

  it('reports a missing title', () => {
    const { title: _title, ...data } = frontMatter()
    expectFault(promptText(data), 'title')
  })

  it('reports a field of the wrong type', () => {
    expectFault(promptText({ ...frontMatter(), durationMinutes: 'forty' }), 'durationMinutes')
  })

  it('reports phases that do not add up to the duration, and a weighed dimension no follow-up probes', () => {
    expectFault(promptText({ ...frontMatter(), durationMinutes: 60 }), 'phases')
    expectFault(promptText({ ...frontMatter(), weighs: ['scalability', 'caching', 'estimation'] }), 'weighs')
  })

  it('reports an unknown rubric dimension in a follow-up', () => {
    const followUps = [{ dimension: 'vibes', question: 'How does it feel?' }]
    expectFault(promptText({ ...frontMatter(), followUps }), 'followUps.0.dimension')
  })

  it('reports a nested field by its path', () => {
    const phases = [
      { name: 'Scope', minutes: 0, goal: 'Agree on the scope.' },
      { name: 'Design', minutes: 45, goal: 'Draw the design.' },
    ]
    const result = expectFault(promptText({ ...frontMatter(), phases }), 'phases.0.minutes')
    if (!result.ok) expect(result.message).toMatch(/too small/i)
  })

  it('reports an extra key by its name', () => {
    expectFault(promptText({ ...frontMatter(), difficulty: 'hard' }), 'difficulty')
  })

  it('reports a file without front matter', () => {
    expectFault('# Tiny service\n\nDesign a tiny service.\n', 'frontMatter')
  })

  it('reports front matter that is never closed', () => {
    expectFault(`---\n${stringify(frontMatter())}\nDesign a tiny service.\n`, 'frontMatter')
  })

  it('reports broken YAML', () => {
    const result = expectFault(
      '---\ntitle: [unclosed\nsummary: "oops\n---\nDesign a tiny service.\n',
      'frontMatter',
    )
    if (!result.ok) expect(result.message).toMatch(/YAML/)
  })

  it('reports duplicate keys', () => {
    expectFault(`---\ntitle: One\n${stringify(frontMatter())}---\nDesign a tiny service.\n`, 'frontMatter')
  })

  it('reports empty front matter', () => {
    expectFault('---\n---\nDesign a tiny service.\n', 'frontMatter')
  })

  it('reports an empty brief', () => {
    expectFault(promptText(frontMatter(), '   \n'), 'brief')
  })

  it('reports an id that is not kebab-case', () => {
    expectFault(promptText(frontMatter()), 'id', 'Tiny_Service')
  })
})

describe('loadPrompts', () => {
  async function withTempDir(run: (dir: string) => Promise<void>) {
    const dir = await mkdtemp(join(tmpdir(), 'tradeoff-prompts-'))
    try {
      await run(dir)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  it('returns the good prompts and warns once per bad file, naming the file and field', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'good.md'), promptText(frontMatter()))
      await writeFile(join(dir, 'bad.md'), promptText({ ...frontMatter(), durationMinutes: 'forty' }))
      await writeFile(join(dir, 'notes.txt'), 'not a prompt')
      const log = recordingLog()

      const prompts = await loadPrompts(dir, log)

      expect([...prompts.keys()]).toEqual(['good'])
      expect(log.warnings).toHaveLength(1)
      expect(log.warnings[0]?.obj).toEqual({ file: 'bad.md', field: 'durationMinutes' })
      expect(log.warnings[0]?.msg).toMatch(/^skipping prompt file: durationMinutes: /)
    })
  })

  it('skips a file over 64 KiB', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'huge.md'), promptText(frontMatter(), 'x'.repeat(65 * 1024)))
      const log = recordingLog()

      expect((await loadPrompts(dir, log)).size).toBe(0)
      expect(log.warnings.map((warning) => warning.obj)).toEqual([{ file: 'huge.md', field: 'file' }])
    })
  })

  it('loads the starter board a prompt names, and skips a prompt whose starter is bad or missing', async () => {
    await withTempDir(async (dir) => {
      const starter = readFileSync(join(PROMPTS_DIR, 'url-shortener-feed.board.json'), 'utf8')
      const { records } = JSON.parse(starter) as { records: Array<{ id: string; props?: object }> }
      const broken = records.map((record) =>
        record.id === 'shape:cache' ? { ...record, props: { ...record.props, w: 'wide' } } : record,
      )
      await writeFile(join(dir, 'good.board.json'), starter)
      await writeFile(join(dir, 'broken.board.json'), JSON.stringify({ records: broken }))
      await writeFile(join(dir, 'good.md'), promptText({ ...frontMatter(), starter: 'good.board.json' }))
      await writeFile(join(dir, 'bad.md'), promptText({ ...frontMatter(), starter: 'broken.board.json' }))
      await writeFile(join(dir, 'lost.md'), promptText({ ...frontMatter(), starter: 'nowhere.board.json' }))
      await writeFile(join(dir, 'plain.md'), promptText(frontMatter()))
      const log = recordingLog()

      const library = await loadPromptLibrary(dir, log)

      expect([...library.prompts.keys()]).toEqual(['good', 'plain'])
      expect(library.prompts.get('good')?.starter).toBe('good.board.json')
      expect([...library.starters.keys()]).toEqual(['good'])
      expect(library.starters.get('good')?.map((record) => record.id)).toEqual(
        records.map((record) => record.id),
      )
      expect(log.warnings.map((warning) => warning.obj)).toEqual([
        { file: 'bad.md', field: 'starter' },
        { file: 'lost.md', field: 'starter' },
      ])
      expect(log.warnings[0]?.msg).toMatch(
        /^skipping prompt file: starter: broken\.board\.json: invalid shape/,
      )
      expect(log.warnings[1]?.msg).toMatch(/nowhere\.board\.json: cannot be read \(ENOENT\)/)
    })
  })

  it('refuses a starter that is not a bare file name beside the prompt', () => {
    expectFault(promptText({ ...frontMatter(), starter: '../secrets.board.json' }), 'starter')
    expectFault(promptText({ ...frontMatter(), starter: 'diagram.json' }), 'starter')
  })

  it('returns an empty map and one warning when the folder is missing', async () => {
    await withTempDir(async (dir) => {
      const log = recordingLog()

      expect((await loadPrompts(join(dir, 'nowhere'), log)).size).toBe(0)
      expect(log.warnings).toHaveLength(1)
    })
  })
})
