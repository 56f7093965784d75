import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { type Prompt, promptFrontMatterSchema, promptIdSchema } from '@tradeoff/shared'
import { DEFAULT_LIMITS, type Limits } from '@tradeoff/shared/limits'
import { parse } from 'yaml'
import type { ZodError } from 'zod'
import { MAX_STARTER_FILE_BYTES, parseStarterBoard, type StarterRecord } from './starterBoard'

/** Prompt files larger than this are skipped unread: a prompt is a page of text, not a book. */
export const MAX_PROMPT_FILE_BYTES = 64 * 1024

/** What parsing one prompt file gives: the prompt, or the field at fault and why. */
export type ParsedPromptFile = { ok: true; prompt: Prompt } | { ok: false; field: string; message: string }

/** The part of a pino-style logger the loader needs. */
export interface PromptLog {
  warn: (obj: object, msg: string) => void
}

const fail = (field: string, message: string): ParsedPromptFile => ({ ok: false, field, message })

/**
 * Parses the text of one prompt file (`id` is its file name without `.md`): YAML front matter
 * between a first line `---` and the next `---` line, then the Markdown candidate brief.
 *
 * Pure and synchronous, so it can be called from tests and tools as well as from `loadPrompts`.
 * It never throws: a bad file gives `{ ok: false, field, message }`, where `field` is the dotted
 * path of the first fault (`phases.0.minutes`), or `id`, `frontMatter` or `brief`.
 */
export function parsePromptFile(id: string, text: string): ParsedPromptFile {
  const idCheck = promptIdSchema.safeParse(id)
  if (!idCheck.success) return fail('id', describeIssues(idCheck.error.issues).message)

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines[0]?.trimEnd() !== '---') return fail('frontMatter', 'the file must start with a "---" line')
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---')
  if (end < 0) return fail('frontMatter', 'no closing "---" line after the front matter')

  let data: unknown
  try {
    // The blank first line stands for the opening `---`, so YAML errors give the file's line numbers.
    const yaml = ['', ...lines.slice(1, end)].join('\n')
    data = parse(yaml, { maxAliasCount: 50, uniqueKeys: true, logLevel: 'error' })
  } catch (error) {
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
    return fail('frontMatter', `invalid YAML: ${firstLine.replace(/:$/, '')}`)
  }

  const checked = promptFrontMatterSchema.safeParse(data)
  if (!checked.success) return { ok: false, ...describeIssues(checked.error.issues) }

  const brief = lines
    .slice(end + 1)
    .join('\n')
    .trim()
  if (brief === '') return fail('brief', 'the candidate brief after the front matter is empty')

  return { ok: true, prompt: { id, ...checked.data, brief } }
}

/** Names the first issue's field (`frontMatter` for the whole document) and sums up the rest. */
function describeIssues(issues: ZodError['issues']): { field: string; message: string } {
  const first = issues[0]
  if (!first) return { field: 'frontMatter', message: 'invalid' }
  const path = first.code === 'unrecognized_keys' ? [...first.path, first.keys[0] ?? ''] : first.path
  const field = path.length > 0 ? path.map(String).join('.') : 'frontMatter'
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''
  return { field, message: `${first.message}${more}` }
}

/** The prompts read at start, by id, and the starter board of each prompt that names one. */
export interface PromptLibrary {
  prompts: Map<string, Prompt>
  starters: Map<string, readonly StarterRecord[]>
}

/**
 * Reads every `*.md` file in `dir` (in name order) into a map from prompt id to prompt, and the
 * starter board file each one names (`starter:` in its front matter, a file in `dir`), checked
 * by `parseStarterBoard` under `limits` (the server's configured limits). Call it once at startup;
 * prompts are static files, so the result can be kept for the process lifetime.
 *
 * Never fails on a bad file: a prompt file that is too large (over 64 KiB), unreadable, or that
 * `parsePromptFile` rejects is skipped with one warning `{ file, field }`; so is a prompt whose
 * starter is missing, too large (over 256 KiB) or refused, with `field: 'starter'` and the reason.
 * A missing `dir` gives an empty library and one warning. Other errors listing `dir` (permissions,
 * I/O) are thrown.
 */
export async function loadPromptLibrary(
  dir: string,
  log: PromptLog,
  limits: Limits = DEFAULT_LIMITS,
): Promise<PromptLibrary> {
  const library: PromptLibrary = { prompts: new Map(), starters: new Map() }
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error
    log.warn({ dir }, 'prompt folder not found; no prompts loaded')
    return library
  }

  for (const file of names.filter((name) => name.endsWith('.md')).sort()) {
    const skip = (field: string, message: string) =>
      log.warn({ file, field }, `skipping prompt file: ${field}: ${message}`)
    const text = await readBounded(join(dir, file), MAX_PROMPT_FILE_BYTES)
    if (text === null) continue
    if (!text.ok) {
      skip('file', text.message)
      continue
    }
    const parsed = parsePromptFile(file.slice(0, -'.md'.length), text.text)
    if (!parsed.ok) {
      skip(parsed.field, parsed.message)
      continue
    }
    const { prompt } = parsed
    if (prompt.starter !== undefined) {
      const starterText = await readBounded(join(dir, prompt.starter), MAX_STARTER_FILE_BYTES)
      const starter =
        starterText === null
          ? ({ ok: false, message: 'not a file' } as const)
          : starterText.ok
            ? parseStarterBoard(starterText.text, limits)
            : starterText
      if (!starter.ok) {
        skip('starter', `${prompt.starter}: ${starter.message}`)
        continue
      }
      library.starters.set(prompt.id, starter.records)
    }
    library.prompts.set(prompt.id, prompt)
  }
  return library
}

/** The prompts of `loadPromptLibrary`, without their starter boards. */
export async function loadPrompts(
  dir: string,
  log: PromptLog,
  limits: Limits = DEFAULT_LIMITS,
): Promise<Map<string, Prompt>> {
  return (await loadPromptLibrary(dir, log, limits)).prompts
}

/**
 * The text of the file at `path`, or why it cannot be read (missing, larger than `maxBytes`,
 * unreadable); null when `path` is not a regular file (a folder named `x.md`).
 */
async function readBounded(
  path: string,
  maxBytes: number,
): Promise<{ ok: true; text: string } | { ok: false; message: string } | null> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return null
    if (info.size > maxBytes) return { ok: false, message: `larger than ${maxBytes} bytes (${info.size})` }
    return { ok: true, text: await readFile(path, 'utf8') }
  } catch (error) {
    return {
      ok: false,
      message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    }
  }
}
