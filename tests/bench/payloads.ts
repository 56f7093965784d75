/**
 * What the simulated participants send: a real tldraw rectangle record for the board, and a
 * tldraw-like cursor presence for awareness, both of the size a browser sends.
 */
import { PAGE_ID, rectangle } from '../support/records'

const COLORS = ['#FF802B', '#EC5E41', '#F2555A', '#F04F88', '#E34BA9', '#BD54C6', '#9D5BD2', '#7B66DC']

/** The id of the one shape each room's writers keep moving. */
export const SHAPE_ID = 'shape:bench'

/** The board record for update `seq` of a room: the same rectangle, moved along x each time. */
export function boardRecord(seq: number): Record<string, unknown> {
  return rectangle('bench', 100 + (seq % 200) * 8, 240)
}

/** A participant's awareness state as the client publishes it: who they are and a tldraw presence. */
export function presenceState(
  room: number,
  index: number,
  cursor: { x: number; y: number },
  who: { name: string; role: string } | null = null,
): Record<string, unknown> {
  const color = COLORS[(room + index) % COLORS.length] ?? '#FF802B'
  const userId = `u${room}-${index}`
  // As the app does: its own name and role, which the server finds already right and relays as sent.
  const userName = who?.name ?? `User ${index + 1}`
  return {
    user: { id: userId, name: userName, color, ...(who ? { role: who.role } : {}) },
    presence: {
      userName,
      lastActivityTimestamp: Date.now(),
      color,
      camera: { x: -120, y: -80, z: 1 },
      selectedShapeIds: [],
      currentPageId: PAGE_ID,
      brush: null,
      scribbles: [],
      screenBounds: { x: 0, y: 0, w: 1440, h: 900 },
      followingUserId: null,
      cursor: { x: Math.round(cursor.x), y: Math.round(cursor.y), type: 'default', rotation: 0 },
      chatMessage: '',
      meta: {},
    },
  }
}
