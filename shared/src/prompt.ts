import { z } from 'zod'
import { levelSchema, rubricDimensionIdSchema } from './rubric'

/** A prompt id is its file name without `.md`: lower-case words joined by dashes. */
export const promptIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, like "url-shortener"')
  .max(80)

const line = z.string().trim().min(1).max(500)
const paragraph = z.string().trim().min(1).max(4000)

/** One phase of the round's plan, with its planned length. */
export const promptPhaseSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  minutes: z.number().int().min(1).max(120),
  goal: line,
})

/** A follow-up question the interviewer may ask, filed under the rubric dimension it probes. */
export const followUpSchema = z.strictObject({
  dimension: rubricDimensionIdSchema,
  question: line,
  lookFor: line.optional(),
})

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length

/**
 * The name of a starter board file beside the prompt (`url-shortener-feed.board.json`): board
 * records placed on the board when a session is created from the prompt. A bare file name, so it
 * can only name a file in the prompt folder.
 */
export const starterFileSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.board\.json$/, 'must be a file name like "url-shortener.board.json"')
  .max(120)

const promptFieldsSchema = z.strictObject({
  title: z.string().trim().min(3).max(120),
  summary: z.string().trim().min(10).max(240),
  tags: z.array(z.string().trim().min(1).max(30)).min(1).max(12).refine(unique, 'tags must differ'),
  levels: z.array(levelSchema).min(1).refine(unique, 'levels must differ'),
  durationMinutes: z.number().int().min(15).max(120),
  scale: z.array(line).min(1).max(12),
  functionalRequirements: z.array(line).min(1).max(15),
  nonFunctionalRequirements: z.array(line).min(1).max(15),
  weighs: z.array(rubricDimensionIdSchema).min(1).max(5).refine(unique, 'weighed dimensions must differ'),
  phases: z.array(promptPhaseSchema).min(2).max(10),
  hints: z.array(line).min(2).max(10),
  followUps: z.array(followUpSchema).min(1).max(40),
  levelExpectations: z.strictObject({ mid: paragraph, senior: paragraph, staff: paragraph }),
  starter: starterFileSchema.optional(),
})

/** Checks that the phases add up to the duration and that each weighed dimension is probed. */
function checkPromptPlan(prompt: z.infer<typeof promptFieldsSchema>, ctx: z.RefinementCtx): void {
  const planned = prompt.phases.reduce((sum, phase) => sum + phase.minutes, 0)
  if (planned !== prompt.durationMinutes) {
    ctx.addIssue({
      code: 'custom',
      path: ['phases'],
      message: `phase minutes add up to ${planned}, but durationMinutes is ${prompt.durationMinutes}`,
    })
  }
  for (const dimension of prompt.weighs) {
    if (!prompt.followUps.some((followUp) => followUp.dimension === dimension)) {
      ctx.addIssue({
        code: 'custom',
        path: ['weighs'],
        message: `no follow-up question probes "${dimension}"`,
      })
    }
  }
}

/**
 * The front matter of a prompt file (YAML between `---` lines). The Markdown body after it is
 * the candidate brief: everything the candidate is shown, and nothing else. The phases must add
 * up to the duration, and each weighed dimension must be probed by a follow-up question.
 */
export const promptFrontMatterSchema = promptFieldsSchema.superRefine(checkPromptPlan)

/** A whole prompt: its id, the front matter and the brief (as stored with a session and exported). */
export const promptSchema = promptFieldsSchema
  .extend({
    id: promptIdSchema,
    brief: z
      .string()
      .trim()
      .min(1)
      .max(64 * 1024),
  })
  .superRefine(checkPromptPlan)

/** The front matter of a prompt file, as validated. */
export type PromptFrontMatter = z.infer<typeof promptFrontMatterSchema>

/** A whole prompt as the server holds it: its id, the front matter and the candidate brief. */
export interface Prompt extends PromptFrontMatter {
  id: string
  brief: string
}

/** The fields of a prompt shown in lists (`GET /api/prompts`). */
export interface PromptSummary {
  id: string
  title: string
  summary: string
  tags: string[]
  levels: PromptFrontMatter['levels']
  durationMinutes: number
}

/** Cuts a prompt down to the fields shown in lists. */
export function summarizePrompt(prompt: Prompt): PromptSummary {
  const { id, title, summary, tags, levels, durationMinutes } = prompt
  return { id, title, summary, tags, levels, durationMinutes }
}
