import { createStore, type StoreApi } from 'zustand/vanilla'
import { type ConnectionSlice, createConnectionSlice } from './connectionSlice'
import { createHomeSlice, type HomeSlice } from './homeSlice'
import { createNotesSlice, type NotesSlice } from './notesSlice'
import { createRoomUiSlice, type RoomUiSlice } from './roomUiSlice'
import { createUserSlice, type UserSlice } from './userSlice'

/** Local UI state of the app (not shared, not in tldraw). */
export type AppState = ConnectionSlice & UserSlice & HomeSlice & RoomUiSlice & NotesSlice

/** Builds the app's store from its slices; tests pass their own storage. */
export function createAppStore(storage: Storage): StoreApi<AppState> {
  return createStore<AppState>()((...args) => ({
    ...createConnectionSlice(...args),
    ...createUserSlice(storage)(...args),
    ...createHomeSlice(...args),
    ...createRoomUiSlice(storage)(...args),
    ...createNotesSlice(storage)(...args),
  }))
}
