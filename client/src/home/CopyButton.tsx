import { type RefObject, useEffect, useState } from 'react'

interface CopyButtonProps {
  text: string
  /** The element showing `text`, selected when the clipboard cannot be written. */
  target: RefObject<HTMLElement | null>
  label: string
}

type CopyResult = 'idle' | 'copied' | 'selected'

/**
 * Copies `text` to the clipboard. Where the clipboard API is missing or refused (plain http on a
 * LAN address, for one), it selects the text instead so Ctrl+C / Cmd+C copies it.
 */
export function CopyButton({ text, target, label }: CopyButtonProps) {
  const [result, setResult] = useState<CopyResult>('idle')
  useEffect(() => {
    if (result === 'idle') return
    const timer = setTimeout(() => setResult('idle'), 2500)
    return () => clearTimeout(timer)
  }, [result])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setResult('copied')
    } catch {
      selectContents(target.current)
      setResult('selected')
    }
  }

  return (
    <button type="button" className="copy-button" onClick={() => void copy()} aria-label={label}>
      <span aria-live="polite">
        {result === 'copied' ? 'Copied' : result === 'selected' ? 'Press Ctrl+C to copy' : 'Copy'}
      </span>
    </button>
  )
}

function selectContents(element: HTMLElement | null): void {
  const selection = window.getSelection()
  if (!element || !selection) return
  selection.removeAllRanges()
  const range = document.createRange()
  range.selectNodeContents(element)
  selection.addRange(range)
}
