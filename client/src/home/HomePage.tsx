import { useState } from 'react'
import { useLocation } from 'wouter'
import { newRoomId } from './newRoomId'

/** The start page. Until interview sessions exist, it opens a fresh shared board. */
export function HomePage() {
  const [, navigate] = useLocation()
  const [roomId] = useState(newRoomId)
  return (
    <main className="home">
      <h1>Tradeoff</h1>
      <p>A shared whiteboard for live system-design interviews.</p>
      <button type="button" className="primary" onClick={() => navigate(`/s/${roomId}`)}>
        Open a new board
      </button>
    </main>
  )
}
