import { noteSchema, PANEL_MAPS } from '@tradeoff/shared'
import { type DocRules, OK, refuse } from './validateDocUpdate'

const authorOf = (value: unknown) => (value as { author?: unknown } | undefined)?.author

/**
 * What an interviewer may write on the panel: notes in `notes` that pass the note schema, in
 * their own name, and edits and deletions of their own notes only.
 */
export function panelRules(authorName: string): DocRules {
  return {
    writableRoot: (root) => root === PANEL_MAPS.notes,
    checkValue(_root, key, value, existing) {
      const parsed = noteSchema.safeParse(value)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        return refuse(`invalid note: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim())
      }
      if (parsed.data.id !== key) return refuse('note id differs from its key')
      if (parsed.data.author !== authorName) return refuse('note written in another name')
      if (existing !== undefined && authorOf(existing) !== authorName) return refuse("edits another's note")
      return OK
    },
    checkDelete(_root, _key, existing) {
      return existing === undefined || authorOf(existing) === authorName
        ? OK
        : refuse("deletes another's note")
    },
  }
}
