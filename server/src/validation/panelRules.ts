import { askedKeySchema, askedMarkSchema, noteSchema, PANEL_MAPS } from '@tradeoff/shared'
import { type JsonBounds, jsonBoundsProblem } from '@tradeoff/shared/jsonBounds'
import type { Limits } from '@tradeoff/shared/limits'
import type * as Y from 'yjs'
import {
  type DocRules,
  OK,
  refuse,
  refuseTooLarge,
  type UpdateChanges,
  type Verdict,
} from './validateDocUpdate'

/** The limits the panel rules enforce. */
export type PanelRuleLimits = Pick<Limits, 'maxJsonDepth' | 'maxStringLength' | 'maxPanelEntries'>

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
 *
 * Every value keeps the JSON bounds; the panel holds at most `maxPanelEntries` entries (past it:
 * a quota refusal, 4413).
 */
export function panelRules(authorName: string, limits: PanelRuleLimits): DocRules {
  // Notes carry times and counts, not coordinates: any finite number, within the note schema.
  const bounds: JsonBounds = {
    maxDepth: limits.maxJsonDepth,
    maxStringLength: limits.maxStringLength,
    maxAbsNumber: Number.MAX_VALUE,
  }
  return {
    writableRoot: (root) => root === PANEL_MAPS.notes || root === PANEL_MAPS.asked,
    checkValue(root, key, value, existing) {
      const outOfBounds = jsonBoundsProblem(value, bounds)
      if (outOfBounds) return refuse(`${root} entry out of bounds: ${outOfBounds}`)
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
    checkUpdate: (doc, changes) => checkPanelSize(doc, changes, limits.maxPanelEntries),
  }
}

/** Entries the panel would hold after the update, against its quota. */
function checkPanelSize(doc: Y.Doc, changes: UpdateChanges, maxEntries: number): Verdict {
  let growth = 0
  for (const root of [PANEL_MAPS.notes, PANEL_MAPS.asked]) {
    const map = doc.getMap(root)
    for (const key of changes.written.get(root)?.keys() ?? []) if (!map.has(key)) growth++
    for (const key of changes.deleted.get(root) ?? []) if (map.has(key)) growth--
  }
  // Only a growing panel is counted (Y.Map's size walks every entry); one past the quota may shrink.
  if (growth <= 0) return OK
  const before = doc.getMap(PANEL_MAPS.notes).size + doc.getMap(PANEL_MAPS.asked).size
  return before + growth > maxEntries
    ? refuseTooLarge(`panel would hold more than ${maxEntries} entries`)
    : OK
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
