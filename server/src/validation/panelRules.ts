import { askedKeySchema, askedMarkSchema, noteSchema, PANEL_MAPS } from '@tradeoff/shared'
import { type DocRules, OK, refuse, type Verdict } from './validateDocUpdate'

const ownerOf = (root: string, value: unknown) => {
  const v = value as { author?: unknown; by?: unknown } | undefined
  return root === PANEL_MAPS.notes ? v?.author : v?.by
}

/**
 * What an interviewer may write on the panel, in their own name only:
 * - `notes`: notes that pass the note schema, stored under their id; edits and deletions of
 *   their own notes;
 * - `asked`: follow-up questions ticked as asked, keyed by the follow-up's index; unticking
 *   their own ticks.
 */
export function panelRules(authorName: string): DocRules {
  return {
    writableRoot: (root) => root === PANEL_MAPS.notes || root === PANEL_MAPS.asked,
    checkValue(root, key, value, existing) {
      const verdict = root === PANEL_MAPS.notes ? checkNote(key, value) : checkAsked(key, value)
      if (!verdict.ok) return verdict
      if (ownerOf(root, value) !== authorName) return refuse(`${root} entry written in another name`)
      if (existing !== undefined && ownerOf(root, existing) !== authorName)
        return refuse(`edits another's ${root} entry`)
      return OK
    },
    checkDelete(root, _key, existing) {
      return existing === undefined || ownerOf(root, existing) === authorName
        ? OK
        : refuse(`deletes another's ${root} entry`)
    },
  }
}

function checkNote(key: string, value: unknown): Verdict {
  const parsed = noteSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return refuse(`invalid note: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim())
  }
  return parsed.data.id === key ? OK : refuse('note id differs from its key')
}

function checkAsked(key: string, value: unknown): Verdict {
  if (!askedKeySchema.safeParse(key).success) return refuse('asked key is not a follow-up index')
  return askedMarkSchema.safeParse(value).success ? OK : refuse('invalid asked mark')
}
