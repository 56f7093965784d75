import type { StateCreator } from 'zustand'
import { readPanelOpen, rememberPanelOpen } from '../ui/panelFold'

export interface RoomUiSlice {
  /**
   * Whether the prompt drawer is open, as this browser remembers it; null until the person first
   * folds or opens it, when the room decides by role and window width (`defaultPanelOpen`).
   */
  promptPanelOpen: boolean | null
  setPromptPanelOpen(open: boolean): void
}

/** The room's local layout state, remembered in `storage` (localStorage in the app). */
export function createRoomUiSlice(storage: Storage): StateCreator<RoomUiSlice, [], [], RoomUiSlice> {
  return (set) => ({
    promptPanelOpen: readPanelOpen(storage, 'prompt'),
    setPromptPanelOpen: (promptPanelOpen) => {
      rememberPanelOpen(storage, 'prompt', promptPanelOpen)
      set({ promptPanelOpen })
    },
  })
}
