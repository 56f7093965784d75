import type { Role } from '@tradeoff/shared'
import { syncUrl, type TestSession } from '../support/sessions'
import { type FrameBudget, type Outcome, openProbe, type Probe } from './probe'
import type { Random } from './random'

/** The server under attack and the sessions the fuzzer may attack (never the canary's). */
export interface FuzzTarget {
  url: string
  wsUrl: string
  sessions: TestSession[]
}

/**
 * Something the fuzzer saw that the rules say should not happen: a socket kept open (or closed
 * with another code) where SPEC.md names a refusal, a 5xx answer, a leaked pending update.
 */
export interface Surprise {
  family: string
  kind: string
  /** Attacker lane and the attack's index in it: with the seed, where to look again. */
  lane: number
  attack: number
  outcome: string
  expected: string
  /** The rule the surprise breaks. */
  rule: string
}

const SURPRISES_KEPT_PER_KIND = 3
/**
 * How long an attack waits for a close it expects. Generous: a busy server may take a while to
 * get to the frame, and a close that comes late is still the right close.
 */
export const EXPECTED_CLOSE_WAIT_MS = 5_000

/** Everything a run counts. */
export class Tally {
  frames = 0
  httpRequests = 0
  attacks = 0
  /** Close codes (and failed upgrades) of every fuzzer socket. */
  readonly closes: Record<string, number> = {}
  /** Outcomes by `family/kind`. */
  readonly outcomes: Record<string, Record<string, number>> = {}
  readonly surprises: Surprise[] = []
  surpriseCount = 0

  count(label: string, outcome: Outcome): void {
    this.closes[outcome] = (this.closes[outcome] ?? 0) + 1
    const byOutcome = this.outcomes[label] ?? {}
    this.outcomes[label] = byOutcome
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1
  }

  surprise(found: Surprise): void {
    this.surpriseCount++
    const same = this.surprises.filter(
      (s) => s.family === found.family && s.kind === found.kind && s.outcome === found.outcome,
    )
    if (same.length < SURPRISES_KEPT_PER_KIND) this.surprises.push(found)
  }
}

/** Where a probe connects: a session (random by default), a role's token and a document. */
export interface ProbeTarget {
  session?: TestSession
  role?: Role
  doc?: 'board' | 'panel'
  /** A whole path and query instead, for malformed URLs. */
  path?: string
}

/** What an attack expects the server to do, and the SPEC rule that says so. */
export interface Expectation {
  outcomes: readonly Outcome[]
  rule: string
}

/** What every attack is handed: its own seeded random source and the means to open and judge sockets. */
export interface AttackContext {
  rng: Random
  target: FuzzTarget
  tally: Tally
  budget: FrameBudget
  lane: number
  attack: number
  family: string
  /** A session to attack, picked at random. */
  session(): TestSession
  /** Opens a raw websocket on a session document with a role's token. */
  open(to?: ProbeTarget): Promise<Probe>
  /**
   * Waits for the server to close `probe` (or closes it after `waitMs`), counts the outcome under
   * `kind`, and records a surprise when it is not one `expect` allows.
   */
  finish(probe: Probe, kind: string, expect?: Expectation, waitMs?: number): Promise<Outcome>
  /** Records a surprise that is not about a close code. */
  surprise(kind: string, outcome: string, expected: string, rule: string): void
}

/** Builds the context of one attack. */
export function attackContext(options: {
  rng: Random
  target: FuzzTarget
  tally: Tally
  budget: FrameBudget
  lane: number
  attack: number
  family: string
}): AttackContext {
  const { rng, target, tally, budget, lane, attack, family } = options
  const surprise = (kind: string, outcome: string, expected: string, rule: string) =>
    tally.surprise({ family, kind, lane, attack, outcome, expected, rule })
  return {
    ...options,
    session: () => rng.pick(target.sessions),
    open(to = {}) {
      const session = to.session ?? rng.pick(target.sessions)
      const url = to.path
        ? `${target.wsUrl}${to.path}`
        : syncUrl(target.wsUrl, session, to.role ?? 'interviewer', to.doc ?? 'board')
      return openProbe(url, budget)
    },
    async finish(probe, kind, expect, waitMs = EXPECTED_CLOSE_WAIT_MS) {
      const outcome = await probe.settle(waitMs)
      tally.count(`${family}/${kind}`, outcome)
      if (expect && !expect.outcomes.includes(outcome))
        surprise(kind, outcome, expect.outcomes.join(' or '), expect.rule)
      return outcome
    },
    surprise,
  }
}
