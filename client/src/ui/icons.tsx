import type { ReactNode } from 'react'

/** A 16 px line icon drawn in the text colour; decorative, so hidden from screen readers. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  )
}

/** A page with lines: the prompt. */
export function PromptIcon() {
  return (
    <Icon>
      <path d="M4 1.75h5.5L12.25 4.5v9.75H4z" />
      <path d="M6 7h4.25M6 9.5h4.25M6 12h2.5" />
    </Icon>
  )
}

/** A pencil: the notes. */
export function NotesIcon() {
  return (
    <Icon>
      <path d="M10.5 2.5l3 3L6 13H3v-3z" />
      <path d="M9 4l3 3" />
    </Icon>
  )
}

/** A list with ticks: the scorecard. */
export function ScorecardIcon() {
  return (
    <Icon>
      <path d="M2 4l1.25 1.25L5.5 3M2 10l1.25 1.25L5.5 9" />
      <path d="M8 4.25h6M8 10.25h6" />
    </Icon>
  )
}
