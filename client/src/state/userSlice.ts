import type { StateCreator } from 'zustand'

/** Cursor colours, picked once per browser and remembered with the name. */
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

const NAME_KEY = 'tradeoff.userName'
const COLOR_KEY = 'tradeoff.userColor'

export interface UserSlice {
  /** The name shown on this person's cursor; null until they have given one. */
  userName: string | null
  userColor: string
  setUserName(name: string): void
}

/** The local person, remembered in `storage` (localStorage in the app) across visits. */
export function createUserSlice(storage: Storage): StateCreator<UserSlice, [], [], UserSlice> {
  return (set) => {
    let userColor = storage.getItem(COLOR_KEY)
    if (!userColor) {
      userColor = USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)] ?? '#1971c2'
      storage.setItem(COLOR_KEY, userColor)
    }
    return {
      userName: storage.getItem(NAME_KEY),
      userColor,
      setUserName(name) {
        const trimmed = name.trim().slice(0, 40)
        storage.setItem(NAME_KEY, trimmed)
        set({ userName: trimmed })
      },
    }
  }
}
