/**
 * `@tiptap/core` as the app sees it: the package itself, except that `getSchema` and
 * `generateHTML` build the schema for a set of extensions once instead of on every call.
 *
 * tldraw renders every label through `generateHTML(richText, extensions)` (to measure it and to
 * draw it), always with the same extensions array. TipTap builds a fresh ProseMirror schema, a
 * serializer and a scratch HTML document for each call, about a millisecond per label, which made
 * opening a board of 1,500 labelled shapes take seconds. The output is the same: the same schema,
 * the same serializer, the same HTML. `vite.config.ts` points every import of `@tiptap/core`
 * (tldraw's included) here.
 */
import { getSchema as buildSchema, type Editor, type Extensions, type JSONContent } from '@tiptap/core'
import { DOMSerializer, Node, type Schema } from '@tiptap/pm/model'

export * from '@tiptap/core'

interface Renderer {
  schema: Schema
  serializer: DOMSerializer
}

const schemas = new WeakMap<Extensions, Schema>()
const renderers = new WeakMap<Extensions, Renderer>()
let scratch: Document | null = null

/**
 * The ProseMirror schema of `extensions`, built once per extensions array (tldraw needs it for the
 * labels' fonts as well as their HTML). A schema built for an editor is not shared.
 */
export function getSchema(extensions: Extensions, editor?: Editor): Schema {
  if (editor) return buildSchema(extensions, editor)
  let schema = schemas.get(extensions)
  if (!schema) {
    schema = buildSchema(extensions)
    schemas.set(extensions, schema)
  }
  return schema
}

/** Rich text JSON to HTML with `extensions`, as TipTap's own `generateHTML` renders it. */
export function generateHTML(doc: JSONContent, extensions: Extensions): string {
  let renderer = renderers.get(extensions)
  if (!renderer) {
    const schema = getSchema(extensions)
    renderer = { schema, serializer: DOMSerializer.fromSchema(schema) }
    renderers.set(extensions, renderer)
  }
  scratch ??= document.implementation.createHTMLDocument()
  const container = scratch.createElement('div')
  const content = Node.fromJSON(renderer.schema, doc).content
  container.appendChild(renderer.serializer.serializeFragment(content, { document: scratch }))
  return container.innerHTML
}
