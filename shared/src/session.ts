import { z } from 'zod'
import { promptIdSchema } from './prompt'
import { clockRunSchema, MAX_CLOCK_RUNS } from './roundClock'

/**
 * The roles of a session: interviewers run it and take notes, the candidate draws, reviewers
 * read the recording afterwards (README, "Websocket sync" and "HTTP" say what each may open).
 */
export const ROLES = ['interviewer', 'candidate', 'reviewer'] as const

/** A participant's role in a session. */
export type Role = (typeof ROLES)[number]

const personName = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters')

/** Body of `POST /api/sessions`. Unknown keys are refused, so typos do not pass silently. */
export const createSessionBodySchema = z.strictObject({
  promptId: promptIdSchema,
  title: z.string().trim().min(1).max(120).optional(),
  interviewers: z
    .array(personName)
    .min(1)
    .max(6)
    .refine((names) => new Set(names).size === names.length, 'interviewer names must differ')
    .optional(),
  candidate: personName.optional(),
})

/** A validated `POST /api/sessions` body. */
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>

/** One link handed out when a session is created: the token is also in the URL's fragment. */
export interface SessionLink {
  role: Role
  name: string
  token: string
  url: string
}

/** Answer of `POST /api/sessions`. */
export interface CreatedSession {
  id: string
  links: SessionLink[]
}

/** What interviewers may do to the shared clock and hints (`POST /api/sessions/:id/control`). */
export const sessionControlBodySchema = z.strictObject({
  action: z.enum(['start', 'pause', 'nextPhase', 'previousPhase', 'revealHint', 'end']),
})

/** A validated control body. */
export type SessionControlBody = z.infer<typeof sessionControlBodySchema>

/**
 * The interview's live state, written by the server into the board's `session` map under
 * `SESSION_STATE_KEY`. Everyone derives the clock from it and the server's time:
 * elapsed = accumulatedMs + (running ? serverNow - startedAt : 0).
 * - `phaseIndex`: index into the phase plan;
 * - `startedAt`: server time (ms since the epoch) when the clock last started, null while paused;
 * - `accumulatedMs`: milliseconds on the clock before the last start;
 * - `phaseStartedAtMs`: when each phase began, in elapsed clock milliseconds, by phase index;
 * - `revealedHints`: the hints revealed to the candidate so far, in order;
 * - `endedAt`: server time (ms since the epoch) when an interviewer ended the round, null before.
 *   Once set the state no longer changes and the board is final (every write to it is dropped);
 * - `clockRuns`: every stretch the clock ran, in server time (see ClockRun), so any past moment can
 *   be read on the round's clock (`roundClockAt`), such as a note's time.
 */
export const sessionStateSchema = z.strictObject({
  phaseIndex: z.number().int().min(0).max(20),
  running: z.boolean(),
  startedAt: z.number().int().nullable(),
  accumulatedMs: z.number().int().min(0),
  phaseStartedAtMs: z.array(z.number().int().min(0)).max(20),
  revealedHints: z.array(z.string().max(500)).max(10),
  // States stored before rounds could end have no `endedAt`: they read as not ended.
  endedAt: z.number().int().nullable().default(null),
  // States stored before the clock kept its runs have none: their moments read from the events.
  clockRuns: z.array(clockRunSchema).max(MAX_CLOCK_RUNS).default([]),
})

/** The interview's live state (see sessionStateSchema). */
export type SessionState = z.infer<typeof sessionStateSchema>

/** The key in the board's `session` map that holds the SessionState. */
export const SESSION_STATE_KEY = 'state'

/** Milliseconds on the session clock at server time `now`. */
export function elapsedMs(state: SessionState, now: number): number {
  return (
    state.accumulatedMs + (state.running && state.startedAt !== null ? Math.max(0, now - state.startedAt) : 0)
  )
}

/** A phase of the round as everyone sees it on the timer. */
export interface PhaseView {
  name: string
  minutes: number
}

/** The part of a prompt a candidate sees: the brief and requirements, nothing of the guide. */
export interface CandidatePromptView {
  title: string
  brief: string
  scale: string[]
  functionalRequirements: string[]
  nonFunctionalRequirements: string[]
  durationMinutes: number
}

/** A participant, as listed to interviewers. */
export interface Participant {
  role: Role
  name: string
}

/**
 * Answer of `GET /api/sessions/:id`: the view the caller's role may see. A candidate's `prompt`
 * is a CandidatePromptView and `guide` is absent; interviewers and reviewers get the whole prompt.
 */
export interface SessionView {
  id: string
  role: Role
  name: string
  title: string
  /** Server time when the session was created (ms since the epoch). */
  createdAt: number
  /** Server time when this answer was made, for clock alignment. */
  serverNow: number
  prompt: CandidatePromptView
  phases: PhaseView[]
  state: SessionState
  /** The interviewers' names, so a candidate who arrives first knows whom they are waiting for. */
  interviewers: string[]
  /** Interviewers and reviewers only. */
  guide?: {
    promptId: string
    summary: string
    tags: string[]
    levels: string[]
    weighs: string[]
    phases: Array<PhaseView & { goal: string }>
    hints: string[]
    followUps: Array<{ dimension: string; question: string; lookFor?: string }>
    levelExpectations: { mid: string; senior: string; staff: string }
    participants: Participant[]
  }
}
