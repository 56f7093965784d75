import { CloseCodes, MessageType } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Connection } from './Connection'
import { Refusal } from './Refusal'

/** Who receives a relayed presence frame: candidates get a version without interviewers' selections. */
export type Audience = 'everyone' | 'candidates'

/** The frames that carry one awareness change, one per audience (often the same bytes). */
export interface AwarenessFrames {
  everyone: Uint8Array
  candidates: Uint8Array
}

interface Entry {
  clock: number
  /** The state as relayed to interviewers and reviewers (JSON text, identity stamped). */
  json: string
  /** The state as relayed to candidates: without an interviewer's selection. */
  candidateJson: string
  /** The connection of this process that speaks for it, or null for a connection of another process. */
  owner: Connection | null
  /** For another process's state: when it was last renewed (server time), to forget it if it stops. */
  seenAt: number
}

/**
 * How long a state of another process's connection is kept without being renewed. Clients renew
 * their state every 15 seconds and drop others' after 30 (y-protocols' awareness): a state not
 * renewed for longer belongs to a process that stopped without saying so.
 */
export const REMOTE_PRESENCE_TTL_MS = 35_000

interface Change {
  clientId: number
  clock: number
  json: string
}

interface Stamped {
  json: string
  candidateJson: string
  /** Whether the stamped text differs from what the client sent (the frame must be re-encoded). */
  rewritten: boolean
}

/**
 * The room's awareness (cursors, selections, names), kept as JSON text.
 *
 * Each state is checked (size, JSON, depth) and stamped with the sender's identity as the server
 * knows it: `user.name` and `user.role` are the connection's own, whatever the client wrote. An
 * interviewer's selection (`presence.selectedShapeIds`, and the selection brush) is removed from
 * what candidates receive, so noting a shape never shows the candidate which one. When a state
 * needs no change the sender's own frame is relayed as it came, so the common cursor message is
 * never re-encoded.
 *
 * A connection may only speak for the awareness client ids it introduced itself, for at most
 * `maxAwarenessClientsPerConnection` of them at once, and may add or remove ids only at the rate
 * its churn bucket allows.
 */
export class AwarenessRelay {
  private readonly entries = new Map<number, Entry>()

  constructor(private readonly limits: Limits) {}

  /**
   * Reads one awareness message from `from` and records it. Returns the frames to relay to the
   * other connections, or null if nothing changed. Throws a Refusal for malformed or oversized
   * states, too many client ids, or churn over the rate.
   */
  receive(from: Connection, payload: Uint8Array, frame: Uint8Array): AwarenessFrames | null {
    const changes = decodeAwarenessUpdate(payload, this.limits.maxAwarenessClientsPerConnection * 4)
    const accepted: Array<Change & Stamped> = []
    for (const change of changes) {
      if (change.json.length > this.limits.maxAwarenessStateBytes) {
        throw new Refusal(CloseCodes.tooLarge, 'awareness state over the size limit')
      }
      let current = this.entries.get(change.clientId)
      // A client that moved here from another process takes its state over with the first state it
      // sends (its own: y-websocket clients send theirs on connecting). Later states of ids held by
      // another process are the client echoing what it received, like any id it does not own.
      if (current && current.owner === null && from.awarenessClients.size === 0) {
        this.entries.delete(change.clientId)
        current = undefined
      }
      if (current && current.owner !== from) continue
      if (change.json === 'null') {
        if (!current) continue
        from.takeAwarenessChurn()
        this.entries.delete(change.clientId)
        from.awarenessClients.delete(change.clientId)
        accepted.push({ ...change, candidateJson: 'null', rewritten: false })
        continue
      }
      if (current && current.clock >= change.clock) continue
      const stamped = stampState(change.json, from, this.limits.maxJsonDepth)
      if (!current) {
        if (from.awarenessClients.size >= this.limits.maxAwarenessClientsPerConnection) {
          throw new Refusal(CloseCodes.badUpdate, 'too many awareness client ids on one connection')
        }
        from.takeAwarenessChurn()
        from.awarenessClients.add(change.clientId)
      }
      this.entries.set(change.clientId, {
        clock: change.clock,
        json: stamped.json,
        candidateJson: stamped.candidateJson,
        owner: from,
        seenAt: 0,
      })
      accepted.push({ ...change, ...stamped })
    }
    if (accepted.length === 0) return null
    const asSent = accepted.length === changes.length && accepted.every((c) => !c.rewritten)
    const everyone = asSent ? frame : encodeAwarenessFrame(accepted.map((c) => ({ ...c, json: c.json })))
    const forCandidates = accepted.some((c) => c.candidateJson !== c.json)
      ? encodeAwarenessFrame(accepted.map((c) => ({ ...c, json: c.candidateJson })))
      : everyone
    return { everyone, candidates: forCandidates }
  }

  /**
   * Records an awareness change relayed by another process (already checked and stamped there) and
   * returns the frames to relay here, or null when nothing changed. States of this process's own
   * connections are never overwritten from elsewhere.
   */
  receiveRemote(frames: AwarenessFrames, now: number): AwarenessFrames | null {
    const changes = decodeAwarenessFrame(frames.everyone)
    const forCandidates =
      frames.candidates === frames.everyone ? changes : decodeAwarenessFrame(frames.candidates)
    let changed = false
    changes.forEach((change, index) => {
      const current = this.entries.get(change.clientId)
      if (current?.owner) return
      changed = true
      if (change.json === 'null') {
        this.entries.delete(change.clientId)
        return
      }
      if (current && current.clock > change.clock) return
      this.entries.set(change.clientId, {
        clock: change.clock,
        json: change.json,
        candidateJson: forCandidates[index]?.json ?? change.json,
        owner: null,
        seenAt: now,
      })
    })
    return changed ? frames : null
  }

  /** The frames holding every state of this process's own connections (for a process that asks), or null. */
  ownFrames(): AwarenessFrames | null {
    const own = [...this.entries].filter(([, entry]) => entry.owner !== null)
    if (own.length === 0) return null
    const everyone = encodeAwarenessFrame(
      own.map(([clientId, e]) => ({ clientId, clock: e.clock, json: e.json })),
    )
    const sameForCandidates = own.every(([, e]) => e.candidateJson === e.json)
    const candidates = sameForCandidates
      ? everyone
      : encodeAwarenessFrame(
          own.map(([clientId, e]) => ({ clientId, clock: e.clock, json: e.candidateJson })),
        )
    return { everyone, candidates }
  }

  /** Forgets other processes' states not renewed within the time to live; returns the frame that says so. */
  expireRemote(now: number): Uint8Array | null {
    const removed: Change[] = []
    for (const [clientId, entry] of this.entries) {
      if (entry.owner !== null || now - entry.seenAt <= REMOTE_PRESENCE_TTL_MS) continue
      this.entries.delete(clientId)
      removed.push({ clientId, clock: entry.clock + 1, json: 'null' })
    }
    return removed.length > 0 ? encodeAwarenessFrame(removed) : null
  }

  /** Removes every state a closing connection spoke for; returns the frame that tells the others. */
  removeOwnedBy(connection: Connection): Uint8Array | null {
    const removed: Change[] = []
    for (const clientId of connection.awarenessClients) {
      const entry = this.entries.get(clientId)
      if (!entry || entry.owner !== connection) continue
      this.entries.delete(clientId)
      removed.push({ clientId, clock: entry.clock + 1, json: 'null' })
    }
    connection.awarenessClients.clear()
    return removed.length > 0 ? encodeAwarenessFrame(removed) : null
  }

  /** The frame that gives a joiner every state the room holds, or null when there is none. */
  snapshotFrame(audience: Audience): Uint8Array | null {
    if (this.entries.size === 0) return null
    return encodeAwarenessFrame(
      [...this.entries].map(([clientId, e]) => ({
        clientId,
        clock: e.clock,
        json: audience === 'candidates' ? e.candidateJson : e.json,
      })),
    )
  }

  get size(): number {
    return this.entries.size
  }
}

/** The audience a connection belongs to. */
export function audienceOf(connection: Connection): Audience {
  return connection.identity.role === 'candidate' ? 'candidates' : 'everyone'
}

function stampState(json: string, from: Connection, maxDepth: number): Stamped {
  let state: unknown
  try {
    state = JSON.parse(json)
  } catch {
    throw new Refusal(CloseCodes.badUpdate, 'awareness state is not JSON')
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state))
    throw new Refusal(CloseCodes.badUpdate, 'awareness state is not an object')
  if (depthOver(state, maxDepth)) throw new Refusal(CloseCodes.badUpdate, 'awareness state nested too deep')
  const record = state as Record<string, unknown>
  const { name, role } = from.identity
  const user = isPlainObject(record.user) ? record.user : {}
  let rewritten = false
  if (user.name !== name || user.role !== role) {
    record.user = { ...user, name, role }
    rewritten = true
  }
  const stampedJson = rewritten ? JSON.stringify(record) : json
  if (role !== 'interviewer' || !showsSelection(record.presence)) {
    return { json: stampedJson, candidateJson: stampedJson, rewritten }
  }
  const presence = record.presence as Record<string, unknown>
  const hidden = { ...record, presence: { ...presence, selectedShapeIds: [], brush: null } }
  return { json: stampedJson, candidateJson: JSON.stringify(hidden), rewritten }
}

function showsSelection(presence: unknown): boolean {
  if (!isPlainObject(presence)) return false
  const selected = presence.selectedShapeIds
  return (
    (Array.isArray(selected) && selected.length > 0) ||
    (presence.brush !== null && presence.brush !== undefined)
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether a parsed JSON value nests deeper than `max` levels (iterative: no stack to overflow). */
function depthOver(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (typeof node !== 'object' || node === null) continue
    if (depth > max) return true
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return false
}

function decodeAwarenessUpdate(payload: Uint8Array, maxEntries: number): Change[] {
  const decoder = decoding.createDecoder(payload)
  const count = decoding.readVarUint(decoder)
  if (count > maxEntries) throw new Refusal(CloseCodes.badUpdate, 'too many awareness entries')
  const changes: Change[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    changes.push({ clientId, clock, json })
  }
  return changes
}

/** Reads the changes of a whole awareness frame (type byte included) as this server encoded it. */
function decodeAwarenessFrame(frame: Uint8Array): Change[] {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.awareness) throw new Error('not an awareness frame')
  return decodeAwarenessUpdate(decoding.readVarUint8Array(decoder), Number.MAX_SAFE_INTEGER)
}

function encodeAwarenessFrame(changes: Change[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, changes.length)
  for (const change of changes) {
    encoding.writeVarUint(inner, change.clientId)
    encoding.writeVarUint(inner, change.clock)
    encoding.writeVarString(inner, change.json)
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MessageType.awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}
