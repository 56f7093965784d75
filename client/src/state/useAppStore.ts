import { useStore } from 'zustand'
import { type AppState, createAppStore } from './appStore'

const appStore = createAppStore(window.localStorage)

/** Reads a slice of the app's local state in a component. */
export function useAppStore<T>(select: (state: AppState) => T): T {
  return useStore(appStore, select)
}

/** The app's store itself, for code outside React (sync callbacks). */
export function getAppStore() {
  return appStore
}
