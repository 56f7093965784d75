import { applyBoardChange, type BoardChange, type BoardRecords } from './boardHistory'

/** A board record as the history holds it: plain JSON, checked only when it is shown. */
export type RecordValue = Record<string, unknown>

/** The values one record took over the recording, oldest first; null while it did not exist. */
interface RecordVersions {
  times: number[]
  values: Array<RecordValue | null>
}

/** What moving the board from one moment to another changes. */
export interface BoardMove {
  /** Records that appear or change, with their value at the new moment. */
  put: RecordValue[]
  /** Ids of records that are not on the board at the new moment. */
  gone: string[]
}

/**
 * A recorded board's every record over time, from its history (`GET /board/history`), to give the
 * board at any moment without replaying the log: the review screen scrubs with it, and the server
 * answers `/board?at=` from it. Each record keeps its versions in order, so the board at `t`
 * is one binary search per record, and moving between two moments touches only the records that
 * differ. A version that changed only some keys shares the others (`props` of a shape that only
 * moved, say) with the version before it, which lets tldraw keep what it cached for them.
 */
export class BoardTimeline {
  private constructor(
    private readonly records: ReadonlyMap<string, RecordVersions>,
    /** The moment of the last change. */
    readonly lastChangeAt: number,
  ) {}

  /** Builds the timeline from the history's changes, in the order the server gave them. */
  static fromChanges(changes: readonly BoardChange[]): BoardTimeline {
    const records = new Map<string, RecordVersions>()
    const current: BoardRecords = {}
    let lastChangeAt = 0
    for (const change of changes) {
      applyBoardChange(current, change)
      const value = current[change.id] ?? null
      let versions = records.get(change.id)
      if (!versions) {
        versions = { times: [], values: [] }
        records.set(change.id, versions)
      }
      // Several changes of one record at the same moment: only the last is ever seen.
      if (versions.times.at(-1) === change.at) versions.values[versions.values.length - 1] = value
      else {
        versions.times.push(change.at)
        versions.values.push(value)
      }
      lastChangeAt = Math.max(lastChangeAt, change.at)
    }
    return new BoardTimeline(records, lastChangeAt)
  }

  /** The board's records at `at`: the same as `GET /board?at=` answers. */
  recordsAt(at: number): BoardRecords {
    const board: BoardRecords = {}
    for (const [id, versions] of this.records) {
      const value = versions.values[versionAt(versions.times, at)] ?? null
      if (value) board[id] = value
    }
    return board
  }

  /** A cursor to move the board around this timeline, starting from a board it knows nothing of. */
  cursor(): BoardCursor {
    return new BoardCursor(this.records)
  }
}

/**
 * Where the board shown stands on the timeline: which version of each record it holds. Moving it
 * answers only what must change on the board shown.
 */
export class BoardCursor {
  /** The version index shown per record; a record missing here may be anything (the first move). */
  private readonly shown = new Map<string, number>()

  constructor(private readonly records: ReadonlyMap<string, RecordVersions>) {}

  /**
   * Moves to `at`. The first move answers the whole board at `at` (every record as put, every
   * other as gone), since the board shown before may have come from elsewhere.
   */
  moveTo(at: number): BoardMove {
    const move: BoardMove = { put: [], gone: [] }
    for (const [id, versions] of this.records) {
      const index = versionAt(versions.times, at)
      if (this.shown.get(id) === index) continue
      this.shown.set(id, index)
      const value = versions.values[index] ?? null
      if (value) move.put.push(value)
      else move.gone.push(id)
    }
    return move
  }
}

/** The index of the last version at or before `at` (-1 when the record did not exist yet). */
function versionAt(times: readonly number[], at: number): number {
  let low = 0
  let high = times.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((times[middle] as number) <= at) low = middle + 1
    else high = middle
  }
  return low - 1
}
