import type { ExportFile, Prompt } from '@tradeoff/shared'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { note, page, rectangle } from '../../support/records'

/** The shape of the synthetic round: a 60-minute recording of 50,000 updates ending with 1,500 shapes. */
export interface RecordingPlan {
  updates: number
  shapes: number
  minutes: number
  notes: number
  seed: number
}

export const DEFAULT_PLAN: RecordingPlan = { updates: 50_000, shapes: 1_500, minutes: 60, notes: 60, seed: 7 }

/**
 * Builds an export file holding a synthetic round: shapes are created evenly over the hour and
 * every other update moves one of the existing shapes, as dragging does. Returns the file and the
 * number of shapes at the end.
 */
export function syntheticRecording(prompt: Prompt, plan: RecordingPlan, now: number): ExportFile {
  const random = prng.create(plan.seed)
  const doc = new Y.Doc()
  const records = doc.getMap('records')
  const board: ExportFile['docs']['board'] = []
  let at = 0
  const step = Math.floor((plan.minutes * 60_000) / plan.updates)
  doc.on('update', (update: Uint8Array) => {
    board.push({ at, author: 'Ivy', update: Buffer.from(update).toString('base64') })
  })
  records.set('page:page', page())
  let created = 0
  for (let i = 1; i < plan.updates; i++) {
    at = i * step
    const due = Math.floor((i * plan.shapes) / (plan.updates - 1))
    if (created < due) {
      records.set(
        `shape:s${created}`,
        rectangle(`s${created}`, (created % 50) * 200, Math.floor(created / 50) * 150, `box ${created}`),
      )
      created++
    } else {
      const id = prng.int32(random, 0, Math.max(0, created - 1))
      records.set(
        `shape:s${id}`,
        rectangle(`s${id}`, prng.int32(random, 0, 10_000), prng.int32(random, 0, 5_000), `box ${id}`),
      )
    }
  }
  const panelDoc = new Y.Doc()
  const panel: ExportFile['docs']['panel'] = []
  panelDoc.on('update', (update: Uint8Array) =>
    panel.push({ at, author: 'Ivy', update: Buffer.from(update).toString('base64') }),
  )
  for (let i = 0; i < plan.notes; i++) {
    at = Math.floor(((i + 0.5) * plan.minutes * 60_000) / plan.notes)
    panelDoc
      .getMap('notes')
      .set(`n${i}`, note(`n${i}`, 'Ivy', { at, shapeIds: [`shape:s${i}`], text: `observation ${i}` }))
  }
  return {
    format: 'tradeoff-session',
    version: 1,
    exportedAt: now,
    session: {
      id: 'synthetic-round',
      title: 'Synthetic 60-minute round',
      createdAt: now - plan.minutes * 60_000,
      prompt,
      participants: [
        { role: 'interviewer', name: 'Ivy' },
        { role: 'candidate', name: 'Cam' },
        { role: 'reviewer', name: 'Reviewer' },
      ],
      state: {
        phaseIndex: 0,
        running: false,
        startedAt: null,
        accumulatedMs: 0,
        phaseStartedAtMs: [0],
        revealedHints: [],
        endedAt: null,
        clockRuns: [],
      },
    },
    docs: { board, panel },
    events: [],
    scorecards: [],
  }
}
