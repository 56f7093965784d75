import type { StateCreator } from 'zustand'

export interface RoomUiSlice {
  /** Whether the prompt drawer is open; it starts open so the brief is the first thing read. */
  promptPanelOpen: boolean
  setPromptPanelOpen(open: boolean): void
}

/** The room's local layout state. */
export const createRoomUiSlice: StateCreator<RoomUiSlice, [], [], RoomUiSlice> = (set) => ({
  promptPanelOpen: true,
  setPromptPanelOpen: (promptPanelOpen) => set({ promptPanelOpen }),
})
