import type { RubricDimensionId } from '@tradeoff/shared'
import { type CSSProperties, type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { useValue } from 'tldraw'
import { getAppStore, useAppStore } from '../state/useAppStore'
import type { DimensionInfo } from './dimensions'
import { composeNote, type NoteSignal, newNoteId } from './noteModel'
import { NOTE_SHORTCUT_LABEL } from './noteShortcut'
import type { PanelContextValue } from './panelContext'
import { markAsked, putNote } from './panelDoc'
import { parseNoteInput } from './parseNoteInput'
import { SIGNALS } from './signals'
import { NOTE_BOX_ID } from './useNoteShortcut'

interface NoteComposerProps {
  panel: PanelContextValue
  /** The prompt's weighed dimensions first, then the rest. */
  dimensions: readonly DimensionInfo[]
}

/**
 * The note box: type, press Enter, and the note is stamped with the session clock, its author,
 * a dimension (chip or `#tag`), a signal (button or a `+`/`-`/`?` token) and the shapes selected
 * on the canvas. The chip stays chosen for the next note; the signal is chosen per note. Esc
 * hands the keyboard back to the canvas with its selection intact.
 */
export function NoteComposer({ panel, dimensions }: NoteComposerProps) {
  const { editor } = panel
  const inputRef = useRef<HTMLInputElement>(null)
  const [input, setInput] = useState('')
  const [chosenDimension, setChosenDimension] = useState<RubricDimensionId | null>(null)
  const [chosenSignal, setChosenSignal] = useState<NoteSignal>('')
  const [followUpIndex, setFollowUpIndex] = useState<number | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const selectedIds = useValue('selected shapes', () => editor.getSelectedShapeIds(), [editor])

  // Requests from outside (Alt+N, a follow-up turned into a note), taken once each.
  const request = useAppStore((s) => s.noteBoxRequest)
  useEffect(() => {
    if (!request) return
    const taken = getAppStore().getState().takeNoteBoxRequest()
    const box = inputRef.current
    if (!taken || !box) return
    if (taken.draft) {
      setInput(taken.draft.text)
      if (taken.draft.dimension) setChosenDimension(taken.draft.dimension)
      setFollowUpIndex(taken.draft.followUpIndex)
      setProblem(null)
    }
    box.focus()
    // Once the draft is rendered, put the caret after it.
    requestAnimationFrame(() => box.setSelectionRange(box.value.length, box.value.length))
  }, [request])

  // What Enter would save, shown live: a typed tag or signal lights its chip or button.
  const parsed = parseNoteInput(input)
  const dimension = parsed.dimension ?? chosenDimension
  const signal = parsed.signal ?? chosenSignal

  const save = () => {
    const result = composeNote(
      { input, chosenDimension, chosenSignal, shapeIds: selectedIds },
      { id: newNoteId(), author: panel.me, at: panel.nowAt() },
    )
    if (!result.ok) {
      if (result.problem !== 'empty') setProblem(result.message)
      return
    }
    try {
      putNote(panel.doc, result.note, panel.me)
      if (followUpIndex !== null && !panel.asked.has(followUpIndex)) {
        markAsked(panel.doc, followUpIndex, { by: panel.me, at: result.note.at })
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
      return
    }
    setInput('')
    setChosenSignal('')
    setFollowUpIndex(null)
    setProblem(null)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault()
      save()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      editor.getContainer().focus()
      editor.focus()
    }
  }

  return (
    <div className="note-composer">
      <fieldset className="note-chips">
        <legend className="visually-hidden">Rubric dimension</legend>
        {dimensions.map((d) => (
          <button
            key={d.id}
            type="button"
            className={d.weighed ? 'dimension-chip weighed' : 'dimension-chip'}
            style={{ '--dimension-color': d.color } as CSSProperties}
            data-testid={`note-dimension-${d.id}`}
            aria-pressed={dimension === d.id}
            title={`${d.label}${d.weighed ? ' (weighed by this prompt)' : ''} · type #${d.tag}`}
            // Keep the focus (and the caret) in the note box while choosing.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setChosenDimension(chosenDimension === d.id ? null : d.id)
              setProblem(null)
            }}
          >
            {d.shortLabel}
          </button>
        ))}
      </fieldset>
      <fieldset className="note-signals">
        <legend className="visually-hidden">Signal</legend>
        {SIGNALS.map((s) => (
          <button
            key={s.key}
            type="button"
            className={`signal-button signal-${s.key}`}
            data-testid={`note-signal-${s.key}`}
            aria-pressed={signal === s.value}
            title={`${s.label} · or type ${s.value} at the start or end`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => setChosenSignal(chosenSignal === s.value ? '' : s.value)}
          >
            <span aria-hidden="true">{s.symbol}</span> {s.label}
          </button>
        ))}
      </fieldset>
      <input
        ref={inputRef}
        id={NOTE_BOX_ID}
        className="note-input"
        data-testid="note-input"
        type="text"
        autoComplete="off"
        maxLength={4200}
        placeholder="Note… #cache, + / − / ?"
        aria-label="New note"
        aria-describedby="note-box-hint"
        aria-invalid={problem !== null}
        value={input}
        onChange={(event) => {
          setInput(event.target.value)
          setProblem(null)
        }}
        onKeyDown={onKeyDown}
      />
      {problem ? (
        <p className="note-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <p id="note-box-hint" className="note-hint">
        <span className="note-link-count" data-testid="note-link-count">
          {selectedIds.length === 0
            ? 'No shape selected'
            : `Links ${selectedIds.length} selected shape${selectedIds.length === 1 ? '' : 's'}`}
        </span>
        <br />
        Enter saves · <kbd>{NOTE_SHORTCUT_LABEL}</kbd> jumps here · <kbd>Esc</kbd> returns
      </p>
    </div>
  )
}
