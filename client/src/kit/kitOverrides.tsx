import {
  DefaultKeyboardShortcutsDialog,
  DefaultKeyboardShortcutsDialogContent,
  type TLComponents,
  type TLUiKeyboardShortcutsDialogProps,
  type TLUiOverrides,
  TldrawUiMenuActionItem,
  TldrawUiMenuGroup,
} from 'tldraw'
import { DataFlowControl } from './DataFlowControl'
import { KIT_ITEMS } from './kitItems'
import { placeKitItem } from './placeKitItem'

const WITH_SHORTCUT = KIT_ITEMS.filter((item) => item.kbd)

const actionId = (id: string) => `kit-place-${id}`

/**
 * The kit's keyboard shortcuts as tldraw actions (so tldraw's keyboard handling and its shortcuts
 * dialog know them), and their names.
 */
export const KIT_OVERRIDES: TLUiOverrides = {
  actions(editor, actions) {
    for (const item of WITH_SHORTCUT) {
      actions[actionId(item.id)] = {
        id: actionId(item.id),
        label: `kit.place.${item.id}`,
        kbd: item.kbd,
        onSelect: () => placeKitItem(editor, item),
      }
    }
    return actions
  },
  translations: {
    en: {
      'kit.shortcuts': 'Architecture kit',
      ...Object.fromEntries(WITH_SHORTCUT.map((item) => [`kit.place.${item.id}`, `Place: ${item.name}`])),
    },
  },
}

/** tldraw's shortcuts dialog with the kit's shortcuts as a group of their own, first. */
function KitKeyboardShortcutsDialog(props: TLUiKeyboardShortcutsDialogProps) {
  return (
    <DefaultKeyboardShortcutsDialog {...props}>
      <TldrawUiMenuGroup label="kit.shortcuts" id="kit">
        {WITH_SHORTCUT.map((item) => (
          <TldrawUiMenuActionItem key={item.id} actionId={actionId(item.id)} />
        ))}
      </TldrawUiMenuGroup>
      <DefaultKeyboardShortcutsDialogContent />
    </DefaultKeyboardShortcutsDialog>
  )
}

/** The kit's parts of tldraw's UI: the data-flow control over the canvas and the shortcuts dialog. */
export const KIT_COMPONENTS: TLComponents = {
  InFrontOfTheCanvas: DataFlowControl,
  KeyboardShortcutsDialog: KitKeyboardShortcutsDialog,
}
