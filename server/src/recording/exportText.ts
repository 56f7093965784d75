import type { ExportFile } from '@tradeoff/shared'
import { workInTurns } from '../util/turns'

/**
 * An export file as JSON text, written in turns: the two logs (most of a file's megabytes) entry by
 * entry, giving the event loop back every few milliseconds, instead of one `JSON.stringify` that
 * would hold it for the whole file. The text equals `JSON.stringify(file)` up to key order.
 */
export async function exportText(file: ExportFile): Promise<string> {
  const { docs, ...rest } = file
  const turns = workInTurns()
  const logText = async (entries: ExportFile['docs']['board']) => {
    const parts: string[] = []
    for (const entry of entries) {
      await turns.take()
      parts.push(JSON.stringify(entry))
    }
    return `[${parts.join(',')}]`
  }
  const head = JSON.stringify(rest)
  const board = await logText(docs.board)
  const panel = await logText(docs.panel)
  return `${head.slice(0, -1)},"docs":{"board":${board},"panel":${panel}}}`
}
