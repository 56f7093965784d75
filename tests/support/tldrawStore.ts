import {
  createTLStore,
  DocumentRecordType,
  defaultBindingUtils,
  defaultShapeUtils,
  type IndexKey,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPageId,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { PAGE_ID } from './records'

/**
 * A tldraw store with tldraw's shapes and bindings and the document and page records a mounted
 * editor would have created, plus any `extra` records. For tests that need no editor.
 */
export function newBoardStore(extra: TLRecord[] = []): TLStore {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  store.put([
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: PAGE_ID as TLPageId, name: 'Page 1', index: 'a1' as IndexKey }),
    ...extra,
  ])
  return store
}
