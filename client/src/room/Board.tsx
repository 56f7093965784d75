import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { type ReactNode, useEffect, useState } from 'react'
import { createTLStore, defaultBindingUtils, type Editor, type TLStore, Tldraw } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { KitPanel } from '../kit/KitPanel'
import { KIT_COMPONENTS, KIT_OVERRIDES } from '../kit/kitOverrides'
import { ARCHITECTURE_SHAPE_UTILS, BOARD_SHAPE_UTILS } from '../shapes'
import { getAppStore } from '../state/useAppStore'
import { bindBoard } from '../sync/boardBinding'
import { connectBoard } from '../sync/connectBoard'
import { bindPresence } from '../sync/presence'
import { ConnectionBadge } from '../ui/ConnectionBadge'
import { bindEditorTheme } from '../ui/editorTheme'
import { useClientConfig } from '../ui/useClientConfig'

// tldraw's fonts, icons and translations, bundled and served by us instead of tldraw's CDN.
const assetUrls = getAssetUrlsByImport()

/** What overlays get once the board is live: its document, presence and editor. */
export interface LiveBoard {
  doc: Y.Doc
  awareness: Awareness
  editor: Editor
}

interface BoardProps {
  sessionId: string
  /** The capability token of this participant, or null for an open board. */
  token: string | null
  userName: string
  userColor: string
  /** Reviewers watch without drawing. */
  readOnly?: boolean
  /** Who this participant is, shown to the others beside their name. */
  role?: string
  /** Renders UI over the canvas that needs the live board (timer, prompt panel, notes). */
  renderOverlay?: (board: LiveBoard) => ReactNode
}

function createBoardStore(): TLStore {
  return createTLStore({ shapeUtils: BOARD_SHAPE_UTILS, bindingUtils: defaultBindingUtils })
}

/** The shared canvas: a tldraw editor whose document records live in the session's board doc. */
export function Board({
  sessionId,
  token,
  userName,
  userColor,
  readOnly = false,
  role,
  renderOverlay,
}: BoardProps) {
  const config = useClientConfig()
  const [store] = useState(createBoardStore)
  const [loaded, setLoaded] = useState(false)
  const [editor, setEditor] = useState<Editor | null>(null)
  const [live, setLive] = useState<{ doc: Y.Doc; awareness: Awareness } | null>(null)

  // Bound once the editor has mounted, so the store holds its document and page records and can
  // seed an empty board.
  useEffect(() => {
    if (!editor) return
    const { setConnection } = getAppStore().getState()
    const connection = connectBoard(sessionId, token, setConnection)
    setLive({ doc: connection.doc, awareness: connection.provider.awareness })
    let stopBinding: (() => void) | null = null
    let stopPresence: (() => void) | null = null
    let cancelled = false
    connection.ready.then(() => {
      if (cancelled) return
      const binding = bindBoard(store, connection.doc, {
        onSkippedRecord: ({ id, error }) => console.warn(`skipped board record ${id}: ${error}`),
      })
      stopBinding = () => binding.dispose()
      const user = { id: String(connection.doc.clientID), name: userName, color: userColor, role }
      if (!readOnly) stopPresence = bindPresence(store, connection.provider.awareness, user)
      setLoaded(true)
    })
    return () => {
      cancelled = true
      stopPresence?.()
      stopBinding?.()
      connection.destroy()
      setLive(null)
    }
  }, [editor, sessionId, token, readOnly, role, store, userName, userColor])

  const onMount = (mounted: Editor) => {
    mounted.user.updateUserPreferences({ name: userName, color: userColor })
    mounted.updateInstanceState({ isReadonly: readOnly })
    // Handy in the console and used by browser tests to read the canvas; it is this user's own editor.
    ;(window as { tradeoffEditor?: Editor }).tradeoffEditor = mounted
    setEditor(mounted)
    // tldraw's colour scheme and the app's theme are one choice (ui/editorTheme.ts).
    return bindEditorTheme(mounted)
  }

  if (!config) return <div className="page-message">Loading…</div>
  return (
    <div className="room">
      {editor && !readOnly ? <KitPanel editor={editor} /> : null}
      <div className="canvas" data-loaded={loaded}>
        <Tldraw
          store={store}
          shapeUtils={ARCHITECTURE_SHAPE_UTILS}
          overrides={KIT_OVERRIDES}
          components={KIT_COMPONENTS}
          assetUrls={assetUrls}
          licenseKey={config.tldrawLicenseKey ?? undefined}
          onMount={onMount}
        />
      </div>
      {loaded ? null : <div className="loading-board">Loading the board…</div>}
      {live && editor && renderOverlay ? renderOverlay({ ...live, editor }) : null}
      <ConnectionBadge />
    </div>
  )
}
