import { formatClock } from '../session/clock'

/** The file name of a downloaded review report: `tradeoff-<id>-report.md`. */
export function reportFileName(sessionId: string, format: 'md' | 'json'): string {
  return `tradeoff-${safe(sessionId)}-report.${format}`
}

/** The file name of the board exported at time `t` (ms): `tradeoff-<id>-board-12m05s.svg`. */
export function boardFileName(sessionId: string, t: number, format: 'svg' | 'png'): string {
  const [minutes, seconds] = formatClock(t).split(':')
  return `tradeoff-${safe(sessionId)}-board-${minutes}m${seconds}s.${format}`
}

/** The file name of a whole-session export: `tradeoff-<id>.json`, as the server names it too. */
export function sessionFileName(sessionId: string): string {
  return `tradeoff-${safe(sessionId)}.json`
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_')
}

/** Saves a blob as a file through a temporary `<a download>`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked a little later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
