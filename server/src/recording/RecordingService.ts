import {
  CloseCodes,
  type CreatedSession,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportFile,
  type Note,
  noteSchema,
  PANEL_MAPS,
  type SessionEvent,
  type SessionReport,
} from '@tradeoff/shared'
import { DEFAULT_LIMITS, type Limits } from '@tradeoff/shared/limits'
import type { Logger } from '../logger'
import type { ScorecardService } from '../scorecards/ScorecardService'
import type { StoredParticipant, StoredSession } from '../sessions/SessionRepository'
import type { SessionService } from '../sessions/SessionService'
import type { Storage } from '../store/Storage'
import type { DocKey } from '../store/Store'
import type { RoomRegistry } from '../sync/RoomRegistry'
import { workInTurns } from '../util/turns'
import { BoardHistoryCache } from './BoardHistoryCache'
import { BoardTimelineCache } from './BoardTimelineCache'
import { buildReport } from './buildReport'
import { ImportChecker } from './ImportChecker'
import { boardRecordsAt, replayDoc } from './replayBoard'

export interface RecordingDeps {
  storage: Storage
  sessions: SessionService
  scorecards: ScorecardService
  rooms: RoomRegistry
  logger: Logger
  now: () => number
  /** The limits imports are checked against, as live clients are (the defaults when not given). */
  limits?: Limits
}

const CLOCK_EVENTS: ReadonlySet<SessionEvent['kind']> = new Set(['start', 'pause', 'phase', 'hint'])

/** Logged updates read at once while exporting: a few milliseconds of inflating. */
const EXPORT_PAGE = 200

/**
 * The recording of a session seen as a whole: the board at any moment or its whole change
 * history, the review report, export to one file, import from one, and deletion of everything.
 */
export class RecordingService {
  private readonly histories: BoardHistoryCache
  private readonly timelines: BoardTimelineCache
  private readonly imports: ImportChecker

  constructor(private readonly deps: RecordingDeps) {
    this.histories = new BoardHistoryCache(deps.storage.docs, deps.storage.boardHistories, deps.logger)
    this.timelines = new BoardTimelineCache(this.histories, deps.logger)
    this.imports = new ImportChecker(deps.limits ?? DEFAULT_LIMITS, deps.logger)
  }

  /**
   * The board's records `at` ms after the session's creation (now when null), and the moment used:
   * from the session's timeline when one is kept and current, else replayed from the log.
   */
  async boardAt(
    session: StoredSession,
    at: number | null,
  ): Promise<{ at: number; records: Record<string, unknown> }> {
    const moment = at ?? Math.max(0, this.deps.now() - session.createdAt)
    await this.flush(session.id)
    const fromTimeline = await this.timelines.recordsAt(session.id, moment)
    return {
      at: moment,
      records:
        fromTimeline ??
        (await boardRecordsAt(this.deps.storage.docs, session.id, session.createdAt + moment)),
    }
  }

  /**
   * Every change of the board's records since it was empty, as the gzipped JSON text of a
   * `BoardHistory` (times in ms since the session's creation). Computed once and stored, and
   * computed again only once the board has changed.
   */
  async boardHistory(session: StoredSession): Promise<Buffer> {
    await this.flush(session.id)
    return this.histories.gzipped(session.id, session.createdAt)
  }

  /** The review report, with the scorecards `reader` may see. */
  async report(session: StoredSession, reader: StoredParticipant): Promise<SessionReport> {
    await this.flush(session.id)
    const notes = await this.notes(session)
    const events = await this.deps.storage.events.list(session.id, session.createdAt)
    const scorecards = await this.deps.scorecards.view(session, reader)
    // The round ends with its last drawing, note or clock change; a late join or a scorecard
    // written afterwards does not stretch the timeline.
    const lastClockEvent = events.filter((e) => CLOCK_EVENTS.has(e.kind)).at(-1)?.at ?? 0
    const endedAt = await this.endedAt(session, lastClockEvent)
    const { records } = await this.boardAt(session, endedAt)
    return buildReport(session, notes, events, scorecards, endedAt, Object.values(records))
  }

  /** The whole session as one file: prompt, participants (no tokens), both logs, events, scorecards. */
  async export(session: StoredSession): Promise<ExportFile> {
    await this.flush(session.id)
    // Read a page at a time with turns between: a long log takes a second or more to inflate.
    const turns = workInTurns()
    const log = async (doc: DocKey['doc']) => {
      const entries: ExportFile['docs']['board'] = []
      for (let from = 1; ; from += EXPORT_PAGE) {
        const page = await this.deps.storage.docs.readUpdates(
          { sessionId: session.id, doc },
          from,
          from + EXPORT_PAGE - 1,
        )
        for (const u of page) {
          entries.push({
            at: u.at - session.createdAt,
            author: u.author,
            update: Buffer.from(u.update).toString('base64'),
          })
        }
        if (page.length < EXPORT_PAGE) return entries
        await turns.take()
      }
    }
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: this.deps.now(),
      session: {
        id: session.id,
        title: session.title,
        createdAt: session.createdAt,
        prompt: session.prompt,
        participants: session.participants.map(({ role, name }) => ({ role, name })),
        state: session.state,
      },
      docs: { board: await log('board'), panel: await log('panel') },
      events: await this.deps.storage.events.list(session.id, session.createdAt),
      scorecards: await this.deps.storage.scorecards.list(session.id),
    }
  }

  /**
   * Creates a new session from an export file's bytes, with new links. The file is read and checked
   * in the import worker (`ImportChecker`): its shape and bounds, then every logged update against
   * the same rules a live client faces; a file that breaks them is refused whole (ApiError 400).
   * The session, its logs, events and scorecards are then written in one transaction: all of it is
   * stored, or nothing. Once stored, the board's history is computed in the background, so the
   * review has it at hand.
   */
  async import(body: Uint8Array): Promise<CreatedSession> {
    const { file, board, panel } = await this.imports.check(body)
    const { session: source } = file
    const created = await this.deps.sessions.createFrom(
      {
        title: source.title,
        createdAt: source.createdAt,
        prompt: source.prompt,
        state: source.state,
        participants: source.participants,
      },
      (session) =>
        this.deps.storage.importSession({
          session,
          logs: [board, panel],
          events: file.events,
          scorecards: file.scorecards,
        }),
    )
    this.histories.prepare(created.id, source.createdAt)
    return created
  }

  /** Deletes the session and everything recorded of it, from every table; closes its sockets. */
  async delete(session: StoredSession): Promise<void> {
    await this.deps.rooms.evictSession(session.id, { ...CloseCodes.notFound, reason: 'session deleted' })
    await this.deps.storage.deleteSession(session.id)
    this.histories.forget(session.id)
    this.timelines.forget(session.id)
  }

  /** Stops the history computations still running; call before the store is closed. */
  async close(): Promise<void> {
    await this.imports.close()
    await this.histories.close()
    await this.timelines.close()
  }

  private async notes(session: StoredSession): Promise<Note[]> {
    const doc = await replayDoc(
      this.deps.storage.docs,
      { sessionId: session.id, doc: 'panel' },
      Number.MAX_SAFE_INTEGER,
    )
    try {
      return [...doc.getMap(PANEL_MAPS.notes).values()].filter(
        (value): value is Note => noteSchema.safeParse(value).success,
      )
    } finally {
      doc.destroy()
    }
  }

  private async endedAt(session: StoredSession, lastEventAt: number): Promise<number> {
    const last = async (doc: DocKey['doc']) =>
      ((await this.deps.storage.docs.lastUpdateAt({ sessionId: session.id, doc })) ?? session.createdAt) -
      session.createdAt
    return Math.max(lastEventAt, await last('board'), await last('panel'), 0)
  }

  /** Waits until the live rooms of the session have stored everything they accepted. */
  private async flush(sessionId: string): Promise<void> {
    await this.deps.rooms.flushSession(sessionId)
  }
}
