import type { StateCreator } from 'zustand'

/** Cursor colours, picked once per browser and remembered. */
export const USER_COLORS = [
  '#e03131',
  '#1971c2',
  '#2f9e44',
  '#f08c00',
  '#9c36b5',
  '#0c8599',
  '#e8590c',
  '#6741d9',
]

const COLOR_KEY = 'tradeoff.userColor'

/** The local person's cursor colour. Their name comes from their session link. */
export interface UserSlice {
  userColor: string
}

/** The local person, remembered in `storage` (localStorage in the app) across visits. */
export function createUserSlice(storage: Storage): StateCreator<UserSlice, [], [], UserSlice> {
  return () => {
    let userColor = storage.getItem(COLOR_KEY)
    if (!userColor) {
      userColor = USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)] ?? '#1971c2'
      storage.setItem(COLOR_KEY, userColor)
    }
    return { userColor }
  }
}
