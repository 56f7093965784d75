import type { ReactNode } from 'react'

/** A full-page message in place of the room: why it cannot open, and what to do. */
export function RoomMessage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="page-message" data-testid="room-message">
      <h1>{title}</h1>
      <p>{children}</p>
      <p>
        <a href="/">Go to the Tradeoff home page</a>
      </p>
    </main>
  )
}
